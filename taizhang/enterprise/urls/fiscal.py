from django.urls import path

from taizhang.enterprise.views import fiscal, fiscal_equity

urlpatterns = [
    path("fiscal/revenue/", fiscal.revenue, name="fiscal_revenue"),
    path("fiscal/revenue/new/", fiscal.revenue_new, name="fiscal_revenue_new"),
    path("fiscal/revenue/<int:revenue_id>/void/", fiscal.revenue_void, name="fiscal_revenue_void"),
    path("fiscal/sources/new/", fiscal.source_new, name="fiscal_source_new"),
    path("fiscal/sharing/", fiscal.sharing, name="fiscal_sharing"),
    path("fiscal/sharing/rule/", fiscal.rule_new, name="fiscal_rule_new"),
    path("fiscal/infrastructure/", fiscal.infra_list, name="fiscal_infra_list"),
    path("fiscal/infrastructure/new/", fiscal.infra_new, name="fiscal_infra_new"),
    path("fiscal/infrastructure/<int:spending_id>/void/", fiscal.infra_void, name="fiscal_infra_void"),
    path("fiscal/equity/", fiscal_equity.equity_list, name="equity_list"),
    path("fiscal/equity/new/", fiscal_equity.equity_new, name="equity_new"),
    path("fiscal/equity/<int:stake_id>/", fiscal_equity.equity_detail, name="equity_detail"),
    path("fiscal/equity/<int:stake_id>/agreement/", fiscal_equity.equity_agreement, name="equity_agreement"),
    path("fiscal/equity/<int:stake_id>/void/", fiscal_equity.equity_void, name="equity_void"),
    path("fiscal/equity/<int:stake_id>/exit/", fiscal_equity.equity_exit, name="equity_exit"),
    path(
        "fiscal/equity/<int:stake_id>/exit/withdraw/", fiscal_equity.equity_exit_withdraw, name="equity_exit_withdraw"
    ),
    path("fiscal/valuations/<int:valuation_id>/void/", fiscal_equity.valuation_void, name="equity_valuation_void"),
]

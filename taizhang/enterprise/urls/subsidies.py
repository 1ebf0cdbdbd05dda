from django.urls import path

from taizhang.enterprise.views import subsidies, subsidy_policies

urlpatterns = [
    path("subsidies/", subsidies.grant_list, name="grant_list"),
    path("subsidies/offers/", subsidies.offers, name="subsidy_offers"),
    path("subsidies/clawbacks/", subsidies.clawbacks, name="subsidy_clawbacks"),
    path("subsidies/grants/<int:subsidy_grant_id>/", subsidies.grant_detail, name="grant_detail"),
    path("subsidies/grants/<int:subsidy_grant_id>/withdraw/", subsidies.grant_withdraw, name="grant_withdraw"),
    path("subsidies/grants/<int:subsidy_grant_id>/recover/", subsidies.grant_recover, name="grant_recover"),
    path("subsidies/policies/", subsidy_policies.policy_list, name="subsidy_policies"),
    path("subsidies/policies/<int:subsidy_policy_id>/", subsidy_policies.policy_detail, name="subsidy_policy"),
    path("subsidies/clauses/<int:subsidy_clause_id>/", subsidy_policies.clause_edit, name="subsidy_clause"),
]

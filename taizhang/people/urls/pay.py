from django.urls import path

from taizhang.people.views import pay

urlpatterns = [
    path("pay/", pay.pay_index, name="pay_index"),
    path("pay/cycle/<int:locked_cycle_id>/", pay.pay_sheet, name="pay_sheet"),
    path("pay/cycle/<int:locked_cycle_id>/confirm/", pay.pay_confirm, name="pay_confirm"),
    path("pay/sheet/<int:sheet_id>/withdraw/", pay.pay_withdraw, name="pay_withdraw"),
    path("pay/line/<int:pay_line_id>/statement/", pay.pay_statement, name="pay_statement"),
    path("pay/figure/", pay.pay_figure, name="pay_figure"),
]

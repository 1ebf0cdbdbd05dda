from django.urls import path

from taizhang.events.views import public_vendors

urlpatterns = [
    path("vendor/<str:vendor_token>/", public_vendors.vendor_page, name="vendor_page"),
    path("vendor/<str:vendor_token>/withdraw/", public_vendors.vendor_withdraw, name="vendor_withdraw"),
    path("<str:public_key>/vendor/", public_vendors.vendor_apply, name="vendor_apply"),
]

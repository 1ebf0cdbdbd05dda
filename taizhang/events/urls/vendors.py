from django.urls import path

from taizhang.events.views import vendors

urlpatterns = [
    path("<int:event_id>/vendors/", vendors.vendor_list, name="vendors"),
    path("<int:event_id>/stalls/", vendors.stall_plan, name="stall_plan"),
    path("<int:event_id>/stalls/export/", vendors.stalls_export, name="stalls_export"),
    path("vendors/<int:vendor_id>/", vendors.vendor_detail, name="vendor"),
    path("vendors/<int:vendor_id>/reject/", vendors.vendor_reject, name="vendor_reject"),
    path("vendors/<int:vendor_id>/reopen/", vendors.vendor_reopen, name="vendor_reopen"),
    path("vendors/<int:vendor_id>/release/", vendors.vendor_release, name="vendor_release"),
    path("vendors/<int:vendor_id>/certificate/", vendors.vendor_certificate, name="vendor_certificate"),
    path("stalls/<int:stall_id>/", vendors.stall_detail, name="stall"),
]

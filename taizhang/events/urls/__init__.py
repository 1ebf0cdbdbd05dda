"""The events module's pages, one url module per area."""

from taizhang.events.urls import events, plan, public_vendors, report, signups, vendors

app_name = "events"
urlpatterns = [
    *events.urlpatterns,
    *plan.urlpatterns,
    *public_vendors.urlpatterns,
    *report.urlpatterns,
    *signups.urlpatterns,
    *vendors.urlpatterns,
]

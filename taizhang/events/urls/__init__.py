"""The events module's pages, one url module per area."""

from taizhang.events.urls import checkin, events, plan, report, signups, vendors

app_name = "events"
urlpatterns = [
    *events.urlpatterns,
    *checkin.urlpatterns,
    *plan.urlpatterns,
    *report.urlpatterns,
    *signups.urlpatterns,
    *vendors.urlpatterns,
]

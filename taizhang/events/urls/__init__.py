"""The events module's pages, one url module per area."""

from taizhang.events.urls import events, vendors

app_name = "events"
urlpatterns = [
    *events.urlpatterns,
    *vendors.urlpatterns,
]

"""The events module's pages, one url module per area."""

from taizhang.events.urls import checkin, events

app_name = "events"
urlpatterns = [
    *events.urlpatterns,
    *checkin.urlpatterns,
]

"""The events module's pages, one url module per area."""

from taizhang.events.urls import events, signups

app_name = "events"
urlpatterns = [
    *events.urlpatterns,
    *signups.urlpatterns,
]

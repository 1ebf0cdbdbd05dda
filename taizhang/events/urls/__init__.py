"""The events module's pages, one url module per area."""

from taizhang.events.urls import events, plan

app_name = "events"
urlpatterns = [
    *events.urlpatterns,
    *plan.urlpatterns,
]

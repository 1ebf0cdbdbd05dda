"""Pages without a login (mounted by the kernel at /public/events/): an event's public page through its key; each
area's pages through their private links."""

from django.urls import path

from taizhang.events.urls import public_checkin, public_vendors
from taizhang.events.views import public

app_name = "events_public"
urlpatterns = [
    *public_vendors.urlpatterns,
    *public_checkin.urlpatterns,
    path("<str:public_key>/", public.event_page, name="event"),
]

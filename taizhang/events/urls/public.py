"""Pages without a login (mounted by the kernel at /public/events/): an event's public page and its sign-up forms
through the event's key; a sign-up's, a vendor's and a ticket's pages through their private tokens."""

from django.urls import path

from taizhang.events.urls import public_checkin, public_vendors
from taizhang.events.views import public

app_name = "events_public"
urlpatterns = [
    *public_vendors.urlpatterns,
    *public_checkin.urlpatterns,
    path("signup/<str:signup_token>/", public.signup_page, name="signup"),
    path("signup/<str:signup_token>/cancel/", public.signup_cancel, name="signup_cancel"),
    path("<str:public_key>/", public.event_page, name="event"),
    path("<str:public_key>/signup/<int:session_id>/", public.signup_form, name="signup_form"),
]

"""Pages without a login (mounted by the kernel at /public/events/): an event's public page and its sign-up forms
through the event's key; a sign-up's private page through its token."""

from django.urls import path

from taizhang.events.views import public

app_name = "events_public"
urlpatterns = [
    path("signup/<str:signup_token>/", public.signup_page, name="signup"),
    path("signup/<str:signup_token>/cancel/", public.signup_cancel, name="signup_cancel"),
    path("<str:public_key>/", public.event_page, name="event"),
    path("<str:public_key>/signup/<int:session_id>/", public.signup_form, name="signup_form"),
]

"""Pages without a login (mounted by the kernel at /public/people/): an enterprise's rating link."""

from django.urls import path

from taizhang.people.views import public

app_name = "people_public"
urlpatterns = [
    path("rate/<str:rating_token>/", public.rate, name="rate"),
]

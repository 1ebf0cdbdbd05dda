from django.urls import path

from taizhang.events.views import events

urlpatterns = [
    path("", events.home, name="home"),
    path("<int:event_id>/", events.event_detail, name="event"),
]

from django.urls import path

from taizhang.events.views import checkin

urlpatterns = [
    path("<int:event_id>/checkin/", checkin.checkin_home, name="checkin"),
    path("<int:event_id>/checkin/<str:checkin_code>/", checkin.checkin_code, name="checkin_code"),
    path("<int:event_id>/checkin/<str:checkin_code>/undo/", checkin.checkin_undo, name="checkin_undo"),
    path("<int:event_id>/walk-in/", checkin.walk_in, name="walk_in"),
    path("<int:event_id>/dashboard/", checkin.dashboard, name="dashboard"),
]

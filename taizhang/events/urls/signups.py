from django.urls import path

from taizhang.events.views import signups

urlpatterns = [
    path("<int:event_id>/signups/", signups.signup_list, name="signups"),
    path("<int:event_id>/signups/new/", signups.signup_new, name="signup_new"),
    path("sessions/<int:session_id>/", signups.session_detail, name="session"),
    path("sessions/<int:session_id>/capacity/", signups.session_capacity, name="session_capacity"),
    path("signups/<int:signup_id>/cancel/", signups.signup_cancel, name="signup_cancel"),
]

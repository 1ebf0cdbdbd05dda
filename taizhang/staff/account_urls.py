from django.urls import path

from taizhang.staff import account_views

app_name = "account"
urlpatterns = [
    path("password/", account_views.password_change, name="password"),
    path("sessions/", account_views.session_list, name="sessions"),
    path("sessions/sign-out-others/", account_views.session_sign_out_others, name="sign_out_others"),
]

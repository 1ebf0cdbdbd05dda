from django.urls import path

from taizhang.staff import account_views

app_name = "account"
urlpatterns = [
    path("password/", account_views.password_change, name="password"),
]

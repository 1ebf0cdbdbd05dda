from django.urls import path

from taizhang.enterprise.views import home

urlpatterns = [
    path("", home.home, name="home"),
]

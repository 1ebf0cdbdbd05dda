from django.urls import path

from taizhang.people.views import home

urlpatterns = [
    path("", home.home, name="home"),
]

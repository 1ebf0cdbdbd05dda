from django.urls import path

from taizhang.assistance.views import signals as views

urlpatterns = [
    path("signals/", views.signals, name="signals"),
]

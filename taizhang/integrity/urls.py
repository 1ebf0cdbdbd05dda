from django.urls import path

from taizhang.integrity import views

app_name = "integrity"
urlpatterns = [
    path("", views.index, name="index"),
    path("run/", views.run, name="run"),
    path("kinds/", views.kinds, name="kinds"),
    path("<int:signal_id>/", views.detail, name="detail"),
]

from django.urls import path

from taizhang.hub import views

app_name = "hub"
urlpatterns = [
    path("modules/", views.unit_modules, name="unit_modules"),
    path("targets/", views.targets, name="targets"),
]

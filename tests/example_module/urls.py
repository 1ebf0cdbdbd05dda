"""Mounted by the kernel at /example/ (the manifest's key); app_name is the URL namespace."""

from django.urls import path

from tests.example_module import views

app_name = "example"
urlpatterns = [
    path("", views.note_list, name="note_list"),
]

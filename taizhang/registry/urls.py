from django.urls import path

from taizhang.registry import views

app_name = "registry"
urlpatterns = [
    path("households/", views.household_index, name="household_list"),
    path("households/new/", views.household_create, name="household_create"),
    path("households/<int:household_id>/", views.household_detail, name="household_detail"),
    path("households/<int:household_id>/pdf/", views.household_pdf, name="household_pdf"),
    path("households/<int:household_id>/edit/", views.household_edit, name="household_edit"),
    path("households/<int:household_id>/void/", views.household_void, name="household_void"),
    path("households/<int:household_id>/restore/", views.household_restore, name="household_restore"),
    path("households/<int:household_id>/members/new/", views.person_add, name="person_add"),
    path("persons/<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path("persons/<int:person_id>/void/", views.person_void, name="person_void"),
    path("search/", views.search, name="search"),
    path("export/", views.export, name="export"),
]

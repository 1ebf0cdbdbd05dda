from django.urls import path

from taizhang.assistance.views import households as views

urlpatterns = [
    path("", views.index, name="index"),
    path("households/", views.household_list, name="household_list"),
    path("households/<int:assisted_id>/", views.household_detail, name="household_detail"),
    path("households/<int:assisted_id>/visit/", views.visit_new, name="visit_new"),
    path("visits/<int:visit_id>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:visit_id>/void/", views.visit_void, name="visit_void"),
    path("photos/<int:photo_id>/", views.photo, name="photo"),
]

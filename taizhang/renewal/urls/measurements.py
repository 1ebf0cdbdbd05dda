from django.urls import path

from taizhang.renewal.views import measurements as views

urlpatterns = [
    path("projects/<int:project_id>/sites/", views.site_list, name="site_list"),
    path("projects/<int:project_id>/sites/new/", views.site_new, name="site_new"),
    path("sites/<int:site_id>/", views.site_detail, name="site_detail"),
    path("sites/<int:site_id>/measure/", views.measurement_new, name="measurement_new"),
    path("measurements/<int:measurement_id>/", views.measurement_detail, name="measurement_detail"),
    path("sites/<int:site_id>/void/", views.site_void, name="site_void"),
    path("measurements/<int:measurement_id>/void/", views.measurement_void, name="measurement_void"),
    path(
        "measurements/<int:measurement_id>/confirmation/",
        views.measurement_confirmation,
        name="measurement_confirmation",
    ),
    path("measurements/<int:measurement_id>/sketch/", views.measurement_sketch, name="measurement_sketch"),
    path("measurement-photos/<int:measurement_photo_id>/", views.measurement_photo, name="measurement_photo"),
]

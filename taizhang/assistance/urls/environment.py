from django.urls import path

from taizhang.assistance.views import environment as views

urlpatterns = [
    path("environment/", views.environment_index, name="environment"),
    path("households/<int:assisted_id>/environment/", views.household_environment, name="household_environment"),
    path("cleaning-photos/<int:cleaning_id>/<str:which>/", views.cleaning_photo, name="cleaning_photo"),
    path("delivery-photos/<int:need_id>/", views.delivery_photo, name="delivery_photo"),
]

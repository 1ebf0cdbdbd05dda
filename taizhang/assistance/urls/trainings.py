from django.urls import path

from taizhang.assistance.views import trainings as views

urlpatterns = [
    path("trainings/", views.training_index, name="training_list"),
    path("trainings/<int:training_id>/", views.training_detail, name="training_detail"),
    path("trainings/<int:training_id>/file/", views.training_file, name="training_file"),
]

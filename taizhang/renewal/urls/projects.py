from django.urls import path

from taizhang.renewal.views import projects

urlpatterns = [
    path("", projects.project_list, name="project_list"),
    path("projects/<int:project_id>/", projects.project_detail, name="project_detail"),
]

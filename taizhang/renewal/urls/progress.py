from django.urls import path

from taizhang.renewal.views import progress

urlpatterns = [
    path("projects/<int:project_id>/progress/", progress.progress_page, name="progress"),
    path("projects/<int:project_id>/brief/", progress.brief_page, name="brief"),
]

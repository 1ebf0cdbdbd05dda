from django.urls import path

from taizhang.renewal.views import projects

urlpatterns = [
    path("", projects.project_list, name="project_list"),
    path("projects/<int:project_id>/", projects.project_detail, name="project_detail"),
    path("projects/<int:project_id>/settings/", projects.project_settings, name="project_settings"),
    path("projects/<int:project_id>/households/", projects.household_list, name="household_list"),
    path("projects/<int:project_id>/groups/new/", projects.group_edit, name="group_new"),
    path("projects/<int:project_id>/groups/<int:group_id>/", projects.group_edit, name="group_edit"),
    path("projects/<int:project_id>/freeze-notice/", projects.freeze_notice, name="freeze_notice"),
    path("projects/<int:project_id>/freeze-notice.pdf", projects.freeze_notice_pdf, name="freeze_notice_pdf"),
]

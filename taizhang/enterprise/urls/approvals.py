from django.urls import path

from taizhang.enterprise.views import approvals

urlpatterns = [
    path("approvals/", approvals.project_list, name="approval_projects"),
    path("approvals/items/", approvals.item_list, name="approval_items"),
    path("approvals/settings/", approvals.settings, name="approval_settings"),
    path("approvals/projects/<int:approvals_project_id>/", approvals.board, name="approval_board"),
    path("approvals/projects/<int:approvals_project_id>/items/new/", approvals.item_new, name="approval_item_new"),
    path("approvals/items/<int:approval_item_id>/edit/", approvals.item_edit, name="approval_item_edit"),
]

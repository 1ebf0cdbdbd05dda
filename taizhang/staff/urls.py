from django.urls import path

from taizhang.staff import files, views

app_name = "org"  # the URL names predate this app: templates say {% url 'org:…' %}
urlpatterns = [
    path("", views.org_tree, name="tree"),
    path("nodes/new/", views.node_create, name="node_create"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_create, name="staff_create"),
    path("staff/<int:user_id>/", files.staff_file, name="staff_file"),
    path("staff/<int:user_id>/pdf/", files.staff_file_pdf, name="staff_file_pdf"),
    path("staff/<int:user_id>/edit/", views.staff_edit, name="staff_edit"),
    path("staff/<int:user_id>/toggle/", views.staff_toggle, name="staff_toggle"),
    path("staff/<int:user_id>/password/", views.staff_password, name="staff_password"),
    path("staff/<int:user_id>/unlock/", views.staff_unlock, name="staff_unlock"),
]

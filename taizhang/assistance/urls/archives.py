from django.urls import path

from taizhang.assistance.views import archives as views

urlpatterns = [
    path("archives/", views.archive_index, name="archive_list"),
    path("households/<int:assisted_id>/archive/", views.household_archive, name="household_archive"),
    path("archive-documents/<int:document_id>/", views.archive_document, name="archive_document"),
]

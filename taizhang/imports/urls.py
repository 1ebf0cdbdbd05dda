from django.urls import path

from taizhang.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.index, name="index"),
    path("batches/<int:batch_id>/", views.batch, name="batch"),
    path("batches/<int:batch_id>/void/", views.batch_void, name="batch_void"),
    path("batches/<int:batch_id>/source/", views.batch_source, name="batch_source"),
    path("files/<str:token>/", views.preview, name="preview"),
    path("files/<str:token>/confirm/", views.confirm, name="confirm"),
    path("files/<str:token>/errors.xlsx", views.errors, name="errors"),
    # The ledger is a query parameter, not a path keyword: it names a kind of ledger, not a record of a unit.
    path("upload/", views.upload, name="upload"),
    path("template.xlsx", views.template, name="template"),
]

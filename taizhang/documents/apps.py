from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "taizhang.documents"
    label = "documents"

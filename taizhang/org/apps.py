from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "taizhang.org"
    label = "org"

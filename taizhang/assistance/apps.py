from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "taizhang.assistance"
    label = "assistance"
    verbose_name = "帮扶"

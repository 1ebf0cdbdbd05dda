from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "taizhang.integrity"
    label = "integrity"
    verbose_name = "疑点核查"

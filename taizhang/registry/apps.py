from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "taizhang.registry"
    label = "registry"
    ledgers = ("taizhang.registry.ledgers:HOUSEHOLDS",)

    def ready(self):
        from taizhang.audit import subjects
        from taizhang.registry.audit_subjects import registry_subjects

        subjects.register(registry_subjects)  # the audit search finds entries by a full ID number or 户编号

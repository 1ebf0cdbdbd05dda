from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "taizhang.registry"
    label = "registry"
    ledgers = ("taizhang.registry.ledgers:HOUSEHOLDS",)

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "taizhang.core"
    label = "core"

    def ready(self):
        from taizhang.core.cache import create_cache_tables

        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="taizhang.core.create_cache_tables")

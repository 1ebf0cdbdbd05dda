from django.apps import AppConfig


class HubConfig(AppConfig):
    """The platform's top layer: modules mounted from their manifests, which units use them, the cockpit and the
    to-do inbox. Modules may import it; it imports modules only through their manifests."""

    name = "taizhang.hub"
    label = "hub"
    verbose_name = "平台"

"""Each module's pages at /<key>/ and its API at /api/<key>/, from the manifests (urls.py and api.py name no module)."""

from django.urls import include, path
from django.utils.module_loading import import_string

from taizhang.core.manifest import modules


def module_urlpatterns() -> list:
    return [path(f"{spec.key}/", include(spec.urls)) for spec in modules() if spec.urls]


def mount_module_routers(api) -> None:
    for spec in modules():
        if spec.api:
            api.add_router(f"/{spec.key}/", import_string(spec.api.replace(":", ".")))

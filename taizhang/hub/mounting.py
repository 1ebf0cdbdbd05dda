"""Each module's pages at /<key>/ and its API at /api/<key>/, from the manifests (urls.py and api.py name no module)."""

from importlib import import_module

from django.urls import include, path
from django.utils.module_loading import import_string

from taizhang.core.manifest import modules


def module_urlpatterns() -> list:
    return [path(f"{spec.key}/", include(spec.urls)) for spec in modules() if spec.urls]


def public_urlpatterns() -> list:
    """Each module's pages without a login at /public/<key>/: every view is marked `login_not_required` here, so a
    module cannot forget it; the module gate never sees them (their path is not under /<key>/)."""
    return [
        path(f"public/{spec.key}/", include(_open_to_all(spec.public_urls))) for spec in modules() if spec.public_urls
    ]


def _open_to_all(urls: str):
    module = import_module(urls)
    for pattern in module.urlpatterns:
        pattern.callback.login_required = False
    return module


def mount_module_routers(api) -> None:
    for spec in modules():
        if spec.api:
            api.add_router(f"/{spec.key}/", import_string(spec.api.replace(":", ".")))

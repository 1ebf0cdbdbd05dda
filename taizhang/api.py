"""/api/: the same scoped reads as the pages, for a future mobile app. Session-authenticated."""

from django.contrib.auth.decorators import login_required
from ninja import NinjaAPI
from ninja.security import django_auth

from taizhang.core.api_errors import document_refusals, install_refusal_handlers
from taizhang.hub.api import router as hub_router
from taizhang.hub.mounting import mount_module_routers
from taizhang.org.api import router as org_router
from taizhang.registry.api import router as registry_router


class TaizhangAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        return document_refusals(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))


# The schema and its docs page describe every route and field: signed-in staff only (the login page otherwise).
api = TaizhangAPI(
    title="台账 Taizhang API", version="1", auth=django_auth, urls_namespace="api", docs_decorator=login_required
)
install_refusal_handlers(api)
api.add_router("/", org_router)
api.add_router("/registry/", registry_router)
api.add_router("/hub/", hub_router)
mount_module_routers(api)

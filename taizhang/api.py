"""/api/: the same scoped reads as the pages, for a future mobile app. Session-authenticated."""

from ninja import NinjaAPI
from ninja.security import django_auth

from taizhang.core.api_errors import install_refusal_handlers
from taizhang.hub.api import router as hub_router
from taizhang.hub.mounting import mount_module_routers
from taizhang.org.api import router as org_router
from taizhang.registry.api import router as registry_router

api = NinjaAPI(title="台账 Taizhang API", version="1", auth=django_auth, urls_namespace="api")
install_refusal_handlers(api)
api.add_router("/", org_router)
api.add_router("/registry/", registry_router)
api.add_router("/hub/", hub_router)
mount_module_routers(api)

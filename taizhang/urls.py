from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from taizhang.api import api
from taizhang.hub import views as hub_views
from taizhang.hub.mounting import module_urlpatterns, public_urlpatterns
from taizhang.staff.views import LoginView

urlpatterns = [
    path("", hub_views.home, name="home"),
    path("healthz", login_not_required(hub_views.health), name="health"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("registry/", include("taizhang.registry.urls")),
    path("org/", include("taizhang.staff.urls")),
    path("account/", include("taizhang.staff.account_urls")),
    path("audit/", include("taizhang.audit.urls")),
    path("integrity/", include("taizhang.integrity.urls")),
    path("imports/", include("taizhang.imports.urls")),
    path("hub/", include("taizhang.hub.urls")),
    *module_urlpatterns(),
    *public_urlpatterns(),
    path("api/", api.urls),
]

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from taizhang.api import api
from taizhang.core import views as core_views
from taizhang.staff.views import LoginView

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", login_not_required(core_views.health), name="health"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("registry/", include("taizhang.registry.urls")),
    path("org/", include("taizhang.staff.urls")),
    path("audit/", include("taizhang.audit.urls")),
    path("assistance/", include("taizhang.assistance.urls")),
    path("renewal/", include("taizhang.renewal.urls")),
    path("api/", api.urls),
]

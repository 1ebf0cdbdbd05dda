"""The enterprise module's pages, one url module per area."""

from taizhang.enterprise.urls import enterprises, home, registry

app_name = "enterprise"
urlpatterns = [
    *home.urlpatterns,
    *enterprises.urlpatterns,
    *registry.urlpatterns,
]

"""The enterprise module's pages, one url module per area."""

from taizhang.enterprise.urls import enterprises, home, subsidies

app_name = "enterprise"
urlpatterns = [
    *home.urlpatterns,
    *enterprises.urlpatterns,
    *subsidies.urlpatterns,
]

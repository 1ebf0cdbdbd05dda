"""The enterprise module's pages, one url module per area."""

from taizhang.enterprise.urls import enterprises, fiscal, home

app_name = "enterprise"
urlpatterns = [
    *home.urlpatterns,
    *enterprises.urlpatterns,
    *fiscal.urlpatterns,
]

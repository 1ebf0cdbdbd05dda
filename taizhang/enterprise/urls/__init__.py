"""The enterprise module's pages, one url module per area."""

from taizhang.enterprise.urls import enterprises, functions, home

app_name = "enterprise"
urlpatterns = [
    *home.urlpatterns,
    *enterprises.urlpatterns,
    *functions.urlpatterns,
]

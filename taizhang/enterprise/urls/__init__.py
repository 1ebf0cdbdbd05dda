"""The enterprise module's pages, one url module per area."""

from taizhang.enterprise.urls import chains, enterprises, functions, home

app_name = "enterprise"
urlpatterns = [
    *home.urlpatterns,
    *enterprises.urlpatterns,
    *chains.urlpatterns,
    *functions.urlpatterns,
]

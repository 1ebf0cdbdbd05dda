"""The enterprise module's pages, one url module per area."""

from taizhang.enterprise.urls import approvals, enterprises, home

app_name = "enterprise"
urlpatterns = [
    *home.urlpatterns,
    *enterprises.urlpatterns,
    *approvals.urlpatterns,
]

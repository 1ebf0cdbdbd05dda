"""The enterprise module's pages, one url module per area."""

from taizhang.enterprise.urls import (
    approvals,
    awards,
    chains,
    enterprises,
    fiscal,
    functions,
    home,
    pipeline,
    registry,
    subsidies,
)

app_name = "enterprise"
urlpatterns = [
    *home.urlpatterns,
    *enterprises.urlpatterns,
    *approvals.urlpatterns,
    *awards.urlpatterns,
    *chains.urlpatterns,
    *fiscal.urlpatterns,
    *functions.urlpatterns,
    *pipeline.urlpatterns,
    *registry.urlpatterns,
    *subsidies.urlpatterns,
]

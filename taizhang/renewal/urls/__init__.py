"""The renewal module's pages, one url module per area (project, measurement, determination, …)."""

from taizhang.renewal.urls import (
    compensation,
    crosschecks,
    determinations,
    measurements,
    progress,
    projects,
    violations,
)

app_name = "renewal"
urlpatterns = [
    *projects.urlpatterns,
    *measurements.urlpatterns,
    *determinations.urlpatterns,
    *crosschecks.urlpatterns,
    *violations.urlpatterns,
    *compensation.urlpatterns,
    *progress.urlpatterns,
]

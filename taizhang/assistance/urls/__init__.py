"""The assistance module's pages, one url module per area (households and visits, compliance, problems, …)."""

from taizhang.assistance.urls import (
    archives,
    compliance,
    environment,
    households,
    problems,
    reports,
    signals,
    trainings,
)

app_name = "assistance"
urlpatterns = [
    *households.urlpatterns,
    *compliance.urlpatterns,
    *signals.urlpatterns,
    *problems.urlpatterns,
    *trainings.urlpatterns,
    *archives.urlpatterns,
    *environment.urlpatterns,
    *reports.urlpatterns,
]

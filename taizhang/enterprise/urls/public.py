"""Pages without a login (mounted by the kernel at /public/enterprise/): the status page an enterprise opens through
its project's private link."""

from django.urls import path

from taizhang.enterprise.views import public_approvals

app_name = "enterprise_public"
urlpatterns = [
    path("status/<str:status_token>/", public_approvals.status, name="status"),
]

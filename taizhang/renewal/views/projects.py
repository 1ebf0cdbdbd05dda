from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.core.pages import refusal
from taizhang.org.models import OrgNode
from taizhang.renewal import projects, selectors
from taizhang.renewal.forms.projects import ProjectForm
from taizhang.renewal.models import ProjectGroup
from taizhang.renewal.policies import can_manage_project


def _may_create(user) -> bool:
    return user.is_authenticated and user.unit_id is not None and user.role == "unit_admin"


def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(request.POST or None, unit_id=request.user.unit_id) if _may_create(request.user) else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            project = projects.project_create(actor=request.user, unit=OrgNode.objects.get(pk=request.user.unit_id),
                                              **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, f"征收项目“{project.name}”已建立")
            return redirect("renewal:project_detail", project_id=project.pk)
    rows = selectors.project_list(request.user).annotate(household_count=Count("households", distinct=True))
    return render(request, "renewal/projects/list.html", {"projects": rows, "form": form})


def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    groups = (ProjectGroup.objects.filter(project=project).select_related("leader")
              .prefetch_related("communities", "members"))
    return render(request, "renewal/projects/detail.html", {
        "project": project, "groups": groups, "communities": project.communities.order_by("path"),
        "household_count": selectors.entries(request.user, project).count(),
        "my_groups": selectors.groups_of(request.user, project),
        "can_manage": can_manage_project(request.user, project)})

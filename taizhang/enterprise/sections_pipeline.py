"""The pipeline's part of an enterprise's file page (record "enterprise"): its investment projects with their stage."""

from django.template.loader import render_to_string

from taizhang.enterprise.models import Project


def enterprise_projects(enterprise, user) -> str:
    projects = list(
        Project.objects.visible_to(user).filter(enterprise=enterprise).select_related("officer").order_by("-stage_on")
    )
    if not projects:
        return ""
    return render_to_string("enterprise/pipeline_section.html", {"projects": projects})

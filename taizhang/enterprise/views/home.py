"""The module's home: the zone's enterprises, projects and the areas of its work at a glance."""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.enterprise import policies, selectors_functions
from taizhang.enterprise.models import Enterprise, Project
from taizhang.enterprise.rules import stages


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not selectors_functions.runs_services(user):  # a street carrying the zone's functions, and nothing else
        return redirect("enterprise:function_list")
    enterprises = Enterprise.objects.visible_to(user).filter(status=Enterprise.Status.ACTIVE)
    by_stage = dict(
        Project.objects.visible_to(user)
        .filter(dropped_on__isnull=True)
        .values_list("stage")
        .annotate(n=Count("id"))
        .values_list("stage", "n")
    )
    context = {
        "enterprises": enterprises.count(),
        "stages": [(label, by_stage.get(code, 0)) for code, label in stages.STAGES],
        "works": policies.can_work(user),
    }
    return render(request, "enterprise/home.html", context)

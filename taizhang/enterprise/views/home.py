"""The module's home: the zone's enterprises, projects and the areas of its work at a glance."""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.core import clock
from taizhang.enterprise import policies, selectors, selectors_approvals, selectors_functions
from taizhang.enterprise.models import Enterprise, Grant, Project
from taizhang.enterprise.rules import stages

WAITING = (Grant.State.PROPOSED, Grant.State.REVIEWED)  # grants a reviewer or the unit admin still has to act on


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
        "four_new": selectors.enterprise_list(user, tag="four_new", status=Enterprise.Status.ACTIVE).count(),
        "overdue_items": selectors_approvals.item_list(user, today=clock.today(), overdue=True).count(),
        "grants_waiting": Grant.objects.visible_to(user).filter(state__in=WAITING).count(),
        "stages": [(label, by_stage.get(code, 0)) for code, label in stages.STAGES],
        "works": policies.can_work(user),
    }
    return render(request, "enterprise/home.html", context)

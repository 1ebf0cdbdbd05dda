from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.audit.heads import latest_export
from taizhang.core import clock
from taizhang.core.http import require
from taizhang.core.manifest import modules
from taizhang.core.pages import cleaned, refusal
from taizhang.hub import cockpit, metrics, services, tasks
from taizhang.hub.forms import CockpitForm, TargetForm, UnitModulesForm
from taizhang.org.models import OrgNode
from taizhang.org.modules import unit_module_keys
from taizhang.org.policies import can_manage_modules
from taizhang.org.scoping import get_visible_or_404


def home(request: HttpRequest) -> HttpResponse:
    """The cockpit: the figures of the user's scope, or for a field worker what they must do now."""
    today = clock.today()
    if cockpit.is_worker(request.user):
        context = cockpit.worker_home(request.user, today=today)
        return render(
            request, "hub/home_worker.html", {**context, "inbox": tasks.inbox_summary(request.user, today=today)}
        )
    form = CockpitForm(request.GET or None)
    as_of = (form.cleaned_data["as_of"] if form.is_valid() else None) or today
    board = cockpit.board(request.user, as_of=min(as_of, today))
    # The published audit chain code, printed with the cockpit so a later rewrite of the trail no longer matches.
    context = {"board": board, "form": form, "today": today, "audit_head": latest_export()}
    return render(request, "hub/home.html", context)


def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def unit_modules(request: HttpRequest) -> HttpResponse:
    require(can_manage_modules(request.user), "只有区级管理员可以设置各单位启用的模块")
    units = list(OrgNode.objects.visible_to(request.user).filter(kind=OrgNode.Kind.UNIT).order_by("path"))
    enabled = unit_module_keys([unit.pk for unit in units])
    if request.method == "POST":
        unit = get_visible_or_404(
            OrgNode.objects.filter(kind=OrgNode.Kind.UNIT), request.user, pk=request.POST.get("unit")
        )
        form = UnitModulesForm(request.POST)
        try:
            changed = services.unit_modules_set(actor=request.user, unit=unit, keys=set(cleaned(form)["modules"]))
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, f"{unit.name}启用的模块已保存" if changed else f"{unit.name}的模块没有变化")
            return redirect("hub:unit_modules")
    rows = [{"unit": unit, "form": UnitModulesForm(initial={"modules": sorted(enabled[unit.pk])})} for unit in units]
    return render(request, "hub/unit_modules.html", {"rows": rows, "modules": modules()})


def targets(request: HttpRequest) -> HttpResponse:
    require(can_manage_modules(request.user), "只有区级管理员可以设置指标目标")
    if request.method == "POST":
        form = TargetForm(request.POST)
        try:
            data = cleaned(form)
            item = metrics.find(data["metric"])
            changed = services.metric_target_set(actor=request.user, metric=data["metric"], value=data["value"])
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, f"{item.label}的目标已保存" if changed else f"{item.label}的目标没有变化")
            return redirect("hub:targets")
    goals = cockpit.targets()
    rows = [{"item": item, "target": goals.get(item.key)} for item in metrics.published()]
    return render(request, "hub/targets.html", {"rows": rows})

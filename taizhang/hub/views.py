
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.core.http import require
from taizhang.core.manifest import modules
from taizhang.core.pages import cleaned, refusal
from taizhang.hub import services
from taizhang.hub.forms import UnitModulesForm
from taizhang.org.models import OrgNode
from taizhang.org.modules import unit_module_keys
from taizhang.org.policies import can_manage_modules
from taizhang.org.scoping import get_visible_or_404
from taizhang.registry.selectors import registry_figures


def home(request: HttpRequest) -> HttpResponse:
    figures = registry_figures(request.user)
    if len(figures["units"]) == 1:
        bars = [(c["node"].name, c["households"], c["persons"]) for c in figures["units"][0]["communities"]]
    else:
        bars = [(u["node"].name, u["households"], u["persons"]) for u in figures["units"]]
    chart = {"labels": [b[0] for b in bars], "households": [b[1] for b in bars], "persons": [b[2] for b in bars]}
    return render(request, "hub/home.html", {"figures": figures, "chart": chart})


def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def unit_modules(request: HttpRequest) -> HttpResponse:
    require(can_manage_modules(request.user), "只有区级管理员可以设置各单位启用的模块")
    units = list(OrgNode.objects.visible_to(request.user).filter(kind=OrgNode.Kind.UNIT).order_by("path"))
    enabled = unit_module_keys([unit.pk for unit in units])
    if request.method == "POST":
        unit = get_visible_or_404(OrgNode.objects.filter(kind=OrgNode.Kind.UNIT), request.user, pk=request.POST.get("unit"))
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

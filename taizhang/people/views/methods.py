"""The unit's scoring methods and their versions; a change is a new version effective from a chosen open cycle."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.core.http import require
from taizhang.core.pages import refusal
from taizhang.people import methods, policies, selectors_kpi
from taizhang.people.forms_kpi import MethodForm
from taizhang.people.models import Cycle


def method_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(policies.reads_everyone(user) and user.unit_id, "计分方式由本单位考核委员会维护")
    manages = policies.can_manage(user, user.unit_id)
    open_cycles = Cycle.objects.filter(unit_id=user.unit_id, status=Cycle.Status.OPEN).order_by("starts_on")
    form = MethodForm(request.POST or None, cycles=open_cycles)
    if request.method == "POST":
        require(manages, "只有本单位考核委员会委员或单位管理员可以修改计分方式")
        if form.is_valid():
            data = form.cleaned_data
            try:
                methods.method_change(
                    actor=user,
                    unit_id=user.unit_id,
                    name=data["name"],
                    kind=data["kind"],
                    floor=data["floor"],
                    cap=data["cap"],
                    cycle=open_cycles.get(pk=data["cycle"]),
                    reason=data["reason"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, f"已保存计分方式“{data['name']}”的新版本")
                return redirect("people:method_list")
    return render(
        request,
        "people/kpi_methods.html",
        {"methods": selectors_kpi.methods(user.unit_id), "form": form, "manages": manages and open_cycles.exists()},
        status=400 if form.errors else 200,
    )

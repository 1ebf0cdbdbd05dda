"""What the unit admin sets for the pipeline: the lead sources (外派招商站 with their country/region, 链长招商,
以商招商, …) and each stage's usual time and fixed probability from a day on."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.core import clock
from taizhang.core.http import require
from taizhang.core.pages import refusal
from taizhang.enterprise import pipeline, policies, selectors_pipeline
from taizhang.enterprise.forms_pipeline import NormForm, StationForm
from taizhang.enterprise.models import StageNorm
from taizhang.enterprise.rules.stages import STAGES


def station_list(request: HttpRequest) -> HttpResponse:
    found = selectors_pipeline.stations(request.user).annotate(
        live=Count("projects", filter=Q(projects__dropped_on__isnull=True)), all_projects=Count("projects")
    )
    context = {"stations": found, "configures": policies.can_configure(request.user)}
    return render(request, "enterprise/pipeline_stations.html", context)


def station_edit(request: HttpRequest, station_id: int | None = None) -> HttpResponse:
    user = request.user
    station = None if station_id is None else selectors_pipeline.station_or_404(user, station_id)
    unit_id = station.unit_id if station else user.unit_id
    require(unit_id is not None and policies.can_configure(user, unit_id), "只有本单位管理员可以设置招商渠道")
    form = StationForm(request.POST or None, instance=station)
    if request.method == "POST" and form.is_valid():
        try:
            pipeline.station_save(actor=user, unit_id=unit_id, station=station, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "已保存招商渠道")
            return redirect("enterprise:station_list")
    title = f"修改招商渠道 · {station.name}" if station else "新增招商渠道"
    return render(request, "enterprise/pipeline_form.html", {"form": form, "title": title})


def norm_edit(request: HttpRequest) -> HttpResponse:
    user, today = request.user, clock.today()
    unit_id = user.unit_id
    require(unit_id is not None, "阶段标准按单位设置")
    current = selectors_pipeline.norms(unit_id, today)
    configures = policies.can_configure(user, unit_id)
    initial = {"effective_on": today}
    for code, _ in STAGES:
        initial |= {f"days_{code}": current.usual_days[code], f"probability_{code}": current.probability[code]}
    form = NormForm(request.POST or None, initial=initial)
    if request.method == "POST":
        require(configures, "只有本单位管理员可以设置阶段标准")
        if form.is_valid():
            try:
                pipeline.norms_set(
                    actor=user,
                    unit_id=unit_id,
                    effective_on=form.cleaned_data["effective_on"],
                    usual_days=form.usual_days(),
                    probability=form.probability(),
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, "已保存阶段标准")
                return redirect("enterprise:norm_edit")
    history = StageNorm.objects.filter(unit_id=unit_id).select_related("set_by").order_by("-effective_on", "stage")
    context = {
        "rows": [(label, current.usual_days[code], current.probability[code]) for code, label in STAGES],
        "current": current,
        "form": form if configures else None,
        "history": history[:64],
    }
    return render(request, "enterprise/pipeline_norms.html", context)

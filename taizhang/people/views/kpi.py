"""The committee's cycle pages: the cycles, one cycle's staff × plan status, a person's plan and actuals, actuals
taken from other modules' figures, 评定 (confirmed) and its withdrawal."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.core.http import require
from taizhang.core.listing import list_response, paginate
from taizhang.core.pages import refusal, void_page
from taizhang.hub.metrics import published
from taizhang.people import assessment, kpi, policies, selectors, selectors_kpi
from taizhang.people.forms_kpi import EXTRA_ROWS, PLAN_FIELDS, CycleOpenForm, StaffFilterForm, plan_rows_from_post
from taizhang.people.methods import methods_for
from taizhang.people.models import Cycle, Indicator, ScoringMethod


def cycle_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(policies.reads_everyone(user), "考核周期的管理页面只对考核委员会开放；本人的结果请看“我的考核”")
    form = CycleOpenForm(request.POST or None)
    if request.method == "POST":
        require(
            policies.can_manage(user, user.unit_id) and user.unit_id, "只有本单位考核委员会委员或单位管理员可以开启周期"
        )
        if form.is_valid():
            try:
                cycle = kpi.cycle_open(actor=user, unit_id=user.unit_id, code=form.cleaned_data["code"])
            except (ValidationError, PermissionDenied) as exc:
                form.add_error("code", refusal(exc))
            else:
                messages.success(request, f"已开启周期 {cycle.code}，参数沿用上一周期")
                return redirect("people:cycle_detail", cycle.pk)
    cycles = paginate(request, selectors.cycles(user))
    return render(
        request,
        "people/kpi_cycles.html",
        {"page": cycles, "form": form, "manages": policies.can_manage(user, user.unit_id) and user.unit_id},
    )


def cycle_detail(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = selectors_kpi.readable_cycle_or_404(request.user, cycle_id)
    departments = selectors_kpi.unit_departments(cycle.unit_id)
    form = StaffFilterForm(request.GET, departments=departments)
    filters = form.filters()
    page = paginate(request, selectors_kpi.staff_of_cycle(cycle, q=filters["q"], department=filters["group"]))
    context = {
        "cycle": cycle,
        "page": page,
        "rows": selectors_kpi.plan_rows(cycle, list(page.object_list)),
        "filter_form": form,
        "manages": policies.can_manage(request.user, cycle.unit_id),
        "with_metrics": Indicator.objects.filter(cycle=cycle).exclude(metric_key="").exists(),
    }
    return list_response(request, "people/kpi_cycle.html", "people/kpi_cycle_rows.html", context)


def plan_edit(request: HttpRequest, cycle_id: int, user_id: int) -> HttpResponse:
    cycle = selectors_kpi.managed_cycle_or_404(request.user, cycle_id)
    person = selectors_kpi.user_in_unit_or_404(cycle, user_id)
    methods = methods_for(cycle.unit_id, cycle.starts_on)
    problems = []
    if request.method == "POST":
        try:
            count = int(request.POST.get("rows", "0"))
        except ValueError:
            count = 0
        indicators, problems, typed = plan_rows_from_post(request.POST, count)
        if not problems:
            try:
                kpi.plans_write(actor=request.user, cycle=cycle, plans={person.pk: indicators})
            except (ValidationError, PermissionDenied) as exc:
                problems = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            else:
                messages.success(request, f"已保存 {person.full_name} 的 {len(indicators)} 项指标")
                return redirect("people:cycle_detail", cycle.pk)
    else:
        typed = [
            {
                "name": i.name,
                "weight": _plain(i.weight),
                "method": i.method.name,
                "target": _plain(i.target),
                "actual": _plain(i.actual),
                "floor": _plain(i.floor),
                "cap": _plain(i.cap),
                "deduction": _plain(i.deduction),
                "evidence": i.evidence,
                "metric_key": i.metric_key,
            }
            for i in Indicator.objects.filter(cycle=cycle, user=person).select_related("method")
        ]
    rows = typed + [dict.fromkeys((k for k, _ in PLAN_FIELDS), "") for _ in range(EXTRA_ROWS)]
    return render(
        request,
        "people/kpi_plan.html",
        {
            "cycle": cycle,
            "person": person,
            "rows": rows,
            "count": len(rows),
            "fields": PLAN_FIELDS,
            "methods": sorted(methods.values(), key=_method_order),
            "metrics": [m for m in published() if m.metric.per_person],
            "problems": problems,
            "editable": cycle.status == Cycle.Status.OPEN,
        },
        status=400 if problems else 200,
    )


def _method_order(method) -> tuple:
    """线性 first (a new row's default), then 反向, 达标, 扣分, then the unit's own methods."""
    defaults = list(ScoringMethod.Kind.labels)
    return (defaults.index(method.name) if method.name in defaults else len(defaults), method.name)


def _plain(value) -> str:
    return "" if value is None else f"{value.normalize():f}"


def metrics_pull(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = selectors_kpi.managed_cycle_or_404(request.user, cycle_id)
    if request.method != "POST":
        return HttpResponse(status=405)
    try:
        filled, problems = kpi.actuals_from_metrics(actor=request.user, cycle=cycle)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, refusal(exc))
    else:
        messages.success(request, f"已从其他模块取得 {filled} 项实际值")
        for problem in problems[:10]:
            messages.warning(request, problem)
    return redirect("people:cycle_detail", cycle.pk)


def assess(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """The confirm page of 评定, with what is not ready; POST assesses."""
    cycle = selectors_kpi.managed_cycle_or_404(request.user, cycle_id)
    if request.method == "POST":
        try:
            done = assessment.cycle_assess(actor=request.user, cycle=cycle)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
            return redirect("people:cycle_detail", cycle.pk)
        messages.success(
            request,
            f"已评定 {done.assessed} 人"
            + (f"，{len(done.skipped)} 人的指标权重合计不是 100，未评定" if done.skipped else ""),
        )
        return redirect("people:results", cycle.pk)
    kpis, problems, missing = assessment.kpi_scores(cycle)
    return render(
        request,
        "people/kpi_assess.html",
        {"cycle": cycle, "ready": len(kpis), "not_ready": len(problems), "missing": missing},
    )


def assessment_withdraw(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = selectors_kpi.managed_cycle_or_404(request.user, cycle_id)
    return void_page(
        request,
        title=f"撤回 {cycle.code} 的评定",
        void=lambda reason: assessment.assessment_withdraw(actor=request.user, cycle=cycle, reason=reason),
        done_message="已撤回评定，可修改指标和评议后重新评定",
        done_url=reverse("people:cycle_detail", args=[cycle.pk]),
    )

"""Results: the table (search, 部门, 等次), the committee's calibration and 锁定, a staff member's own result with
their appeal, and the committee's answer to an appeal."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.core.http import require
from taizhang.core.listing import list_response, paginate
from taizhang.core.pages import refusal
from taizhang.people import appeals, assessment, policies, selectors_kpi
from taizhang.people.forms_kpi import AnswerForm, AppealForm, CalibrateForm, StaffFilterForm


def results(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = selectors_kpi.readable_cycle_or_404(request.user, cycle_id)
    form = StaffFilterForm(request.GET, departments=selectors_kpi.unit_departments(cycle.unit_id), grades=True)
    filters = form.filters()
    items = selectors_kpi.results(cycle, q=filters["q"], department=filters["group"], grade=filters["grade"])
    context = {
        "cycle": cycle,
        "page": paginate(request, items),
        "filter_form": form,
        "manages": policies.can_manage(request.user, cycle.unit_id),
        "appeals": selectors_kpi.appeals(cycle)[:50],
    }
    return list_response(request, "people/kpi_results.html", "people/kpi_result_rows.html", context)


def calibrate(request: HttpRequest, result_id: int) -> HttpResponse:
    result = selectors_kpi.result_or_404(request.user, result_id)
    require(policies.can_manage(request.user, result.unit_id), "只有本单位考核委员会委员或单位管理员可以调整等次")
    form = CalibrateForm(request.POST or None, initial={"grade": result.grade})
    if request.method == "POST" and form.is_valid():
        try:
            assessment.grade_calibrate(actor=request.user, result=result, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, f"已调整 {result.user.full_name} 的等次，理由已记录")
            return redirect("people:results", result.cycle_id)
    return render(
        request,
        "people/kpi_calibrate.html",
        {
            "result": result,
            "form": form,
            "lines": selectors_kpi.indicator_lines(result.cycle, result.user_id),
            "reviews": selectors_kpi.review_summary(result.cycle, result.user_id),
        },
        status=400 if form.errors else 200,
    )


def lock(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = selectors_kpi.managed_cycle_or_404(request.user, cycle_id)
    if request.method == "POST":
        try:
            assessment.cycle_lock(actor=request.user, cycle=cycle)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, f"{cycle.code} 已锁定，结果已通知本人")
        return redirect("people:results", cycle.pk)
    return render(request, "people/kpi_lock.html", {"cycle": cycle, "assessed": selectors_kpi.results(cycle).count()})


def my_result(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """我的考核: one's own locked result with the indicators' scores and the review types' means; the appeal."""
    cycle = selectors_kpi.cycle_or_404(request.user, cycle_id)
    result = selectors_kpi.own_result(request.user, cycle)
    form = AppealForm(request.POST or None)
    if request.method == "POST":
        require(result is not None, "该周期的结果尚未公布")
        if form.is_valid():
            try:
                appeals.appeal_file(actor=request.user, result=result, reason=form.cleaned_data["reason"])
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, "申诉已提交，考核委员会答复后会通知您")
                return redirect("people:my_result", cycle.pk)
    context = {"cycle": cycle, "result": result, "form": form}
    if result is not None:
        context |= {
            "lines": selectors_kpi.indicator_lines(cycle, request.user.pk),
            "reviews": selectors_kpi.review_summary(cycle, request.user.pk),
            "appeals": selectors_kpi.my_appeals(request.user, result),
            "refusal": appeals.appeal_refusal(result, request.user),
            "deadline": appeals.deadline_of(cycle),
        }
    return render(request, "people/kpi_mine.html", context, status=400 if form.errors else 200)


def appeal_answer(request: HttpRequest, appeal_id: int) -> HttpResponse:
    appeal = selectors_kpi.appeal_or_404(request.user, appeal_id)
    manages = policies.can_manage(request.user, appeal.unit_id)
    require(manages or appeal.user_id == request.user.pk or policies.reads_everyone(request.user))
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        require(manages, "只有本单位考核委员会委员或单位管理员可以答复申诉")
        if form.is_valid():
            data = form.cleaned_data
            try:
                appeals.appeal_answer(
                    actor=request.user,
                    appeal=appeal,
                    upheld=data["decision"] == "upheld",
                    answer=data["answer"],
                    grade=data["grade"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, "已答复申诉并通知申诉人")
                return redirect("people:results", appeal.result.cycle_id)
    return render(
        request,
        "people/kpi_appeal.html",
        {
            "appeal": appeal,
            "form": form,
            "manages": manages and appeal.status == "open",
            "lines": selectors_kpi.indicator_lines(appeal.result.cycle, appeal.result.user_id),
        },
        status=400 if form.errors else 200,
    )

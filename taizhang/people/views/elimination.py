"""刚性淘汰 pages: the locked cycles, a cycle's recommendations (the rule and the cycles behind each), one
recommendation with the committee's decision (a confirm step), the person's appeal, the answer, carrying out a
解聘 in force, and withdrawing a decision with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.core import clock
from taizhang.core.http import require
from taizhang.core.listing import paginate
from taizhang.core.pages import refusal, void_page
from taizhang.people import elimination, policies, selectors, selectors_elimination, selectors_pay
from taizhang.people.forms.elimination import AnswerForm, AppealForm, DecideForm, RuleRows, RuleSetForm
from taizhang.people.forms.pay import department_filter
from taizhang.people.models import Cycle, Recommendation

R = Recommendation


def elimination_index(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {"everyone": policies.reads_everyone(user), "mine": selectors_elimination.mine(user)[:12]}
    if context["everyone"]:
        context["page"] = paginate(request, selectors_elimination.cycles_with_counts(user))
    return render(request, "people/elimination_index.html", context)


def elimination_list(request: HttpRequest, locked_cycle_id: int) -> HttpResponse:
    cycle = selectors_pay.cycle_or_404(request.user, locked_cycle_id)
    require(policies.reads_everyone(request.user), "只有考核委员会、单位管理员和上级部门可以查看淘汰建议")
    manages = policies.can_manage(request.user, cycle.unit_id)
    if manages and cycle.status == Cycle.Status.LOCKED:
        elimination.recommendations_sync(cycle=cycle)
    form = department_filter(request.GET, selectors.departments(request.user))
    filters = form.filters()
    rows = selectors_elimination.recommendations(request.user, cycle, department=filters["group"], q=filters["q"])
    context = {"cycle": cycle, "filter_form": form, "page": paginate(request, rows), "manages": manages}
    return render(request, "people/elimination_list.html", context)


def elimination_detail(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    rec = selectors_elimination.recommendation_or_404(request.user, recommendation_id)
    today = clock.today()
    manages = policies.can_manage(request.user, rec.unit_id)
    context = {
        "rec": rec,
        "manages": manages,
        "in_force": elimination.in_force(rec, today),
        "may_appeal": rec.user_id == request.user.pk
        and rec.status == R.Status.ACCEPTED
        and not rec.appeal
        and rec.appeal_until is not None
        and today <= rec.appeal_until,
    }
    context["may_enforce"] = (
        manages and context["in_force"] and rec.decision == R.Decision.DISMISS and not rec.enforced_at
    )
    if context["may_appeal"]:
        context["appeal_form"] = AppealForm()
    if manages and rec.appeal == R.Appeal.PENDING:
        context["answer_form"] = AnswerForm()
    return render(request, "people/elimination_detail.html", context)


def _back(rec) -> HttpResponse:
    return redirect("people:elimination_detail", rec.pk)


def elimination_decide(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    """The decision in two steps: the form, then a page that repeats it and asks for confirmation."""
    rec = selectors_elimination.recommendation_or_404(request.user, recommendation_id)
    require(policies.can_manage(request.user, rec.unit_id))
    form = DecideForm(request.POST or None, recommendation=rec)
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["confirmed"]:
            confirm = DecideForm(initial={**form.cleaned_data, "confirmed": True}, recommendation=rec)
            context = {"rec": rec, "form": confirm, "label": form.chosen_label(), "data": form.cleaned_data}
            return render(request, "people/elimination_confirm.html", context)
        try:
            elimination.recommendation_decide(
                actor=request.user, recommendation=rec, decision=form.chosen(), reason=form.cleaned_data["reason"]
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, f"已记录决定：{form.chosen_label()}")
            return _back(rec)
    return render(request, "people/elimination_decide.html", {"rec": rec, "form": form})


def elimination_appeal(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    rec = selectors_elimination.recommendation_or_404(request.user, recommendation_id)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            elimination.appeal_file(actor=request.user, recommendation=rec, text=form.cleaned_data["text"])
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, "申诉已提交，考核委员会答复后会通知您")
        return _back(rec)
    for error in form.errors.values():
        messages.error(request, error[0])
    return _back(rec)


def elimination_answer(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    rec = selectors_elimination.recommendation_or_404(request.user, recommendation_id)
    require(policies.can_manage(request.user, rec.unit_id))
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            elimination.appeal_answer(
                actor=request.user,
                recommendation=rec,
                uphold=form.cleaned_data["uphold"],
                answer=form.cleaned_data["answer"],
            )
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, "已答复申诉")
        return _back(rec)
    for error in form.errors.values():
        messages.error(request, error[0])
    return _back(rec)


def elimination_enforce(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    rec = selectors_elimination.recommendation_or_404(request.user, recommendation_id)
    require(policies.can_manage(request.user, rec.unit_id))
    if request.method == "POST":
        try:
            elimination.decision_enforce(actor=request.user, recommendation=rec)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, "已执行解聘决定，聘任合同已解除")
        return _back(rec)
    return render(request, "people/elimination_enforce.html", {"rec": rec})


def elimination_withdraw(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    rec = selectors_elimination.recommendation_or_404(request.user, recommendation_id)
    require(policies.can_manage(request.user, rec.unit_id))
    return void_page(
        request,
        title=f"撤回对 {rec.user.full_name} 的决定",
        void=lambda reason: elimination.decision_withdraw(actor=request.user, recommendation=rec, reason=reason),
        done_message="决定已撤回，建议恢复为待决定",
        done_url=reverse("people:elimination_detail", args=[rec.pk]),
    )


def elimination_rules(request: HttpRequest) -> HttpResponse:
    """The unit's versions of the elimination rules, and a new version in force from a chosen cycle."""
    require(policies.reads_everyone(request.user), "只有考核委员会、单位管理员和上级部门可以查看淘汰规则")
    unit_id = request.user.unit_id
    manages = unit_id is not None and policies.can_manage(request.user, unit_id)
    versions = selectors_elimination.rule_versions(request.user)
    cycles = Cycle.objects.filter(unit_id=unit_id).order_by("-starts_on") if manages else Cycle.objects.none()
    form = rows = None
    if manages:
        current, days = elimination.rules_in_force(unit_id, clock.today())
        initial = [
            {"grade": r.grade, "count": r.count, "within": r.within, "in_a_row": r.in_a_row, "action": r.action}
            for r in current
        ]
        form = RuleSetForm(request.POST or None, cycles=cycles, initial={"appeal_days": days})
        # every row is read, also one left as it was: a row equal to its initial value is still a rule
        rows = RuleRows(request.POST or None, initial=initial, prefix="rule", form_kwargs={"empty_permitted": False})
        if request.method == "POST" and form.is_valid() and rows.is_valid():
            data = [rule for row in rows for rule in [row.as_rule()] if rule]
            try:
                elimination.ruleset_create(
                    actor=request.user,
                    unit_id=unit_id,
                    cycle=cycles.get(pk=form.cleaned_data["cycle"]),
                    rules_data=data,
                    appeal_days=form.cleaned_data["appeal_days"],
                    reason=form.cleaned_data["reason"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, "已保存新的淘汰规则版本")
                return redirect("people:elimination_rules")
    context = {"versions": versions, "form": form, "rows": rows, "manages": manages}
    return render(request, "people/elimination_rules.html", context)

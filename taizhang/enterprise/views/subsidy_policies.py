"""惠企政策 pages: the policies with their clauses and the yearly budgets; a policy and a clause created or changed by
the unit admin (each clause checked as data when saved)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.core.http import require
from taizhang.core.pages import refusal
from taizhang.enterprise import policies, selectors_subsidies, subsidies
from taizhang.enterprise.forms_subsidies import BudgetForm, ClauseForm, PolicyForm
from taizhang.enterprise.models import SubsidyBudget


def policy_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    configures = policies.can_configure(user) and user.unit_id is not None
    policy_form = PolicyForm(request.POST if request.POST.get("action") == "policy" else None)
    budget_form = BudgetForm(request.POST if request.POST.get("action") == "budget" else None)
    if request.method == "POST":
        require(configures)
        form = policy_form if request.POST.get("action") == "policy" else budget_form
        if form.is_valid():
            try:
                if form is policy_form:
                    policy = subsidies.policy_save(actor=user, unit=user.unit, **form.cleaned_data)
                    messages.success(request, f"已新建政策“{policy.name}”，请添加条款")
                    return redirect("enterprise:subsidy_policy", policy.pk)
                subsidies.budget_set(actor=user, unit=user.unit, **form.cleaned_data)
                messages.success(request, f"已设置 {form.cleaned_data['year']} 年度预算")
                return redirect("enterprise:subsidy_policies")
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
    context = {
        "policies": selectors_subsidies.policies(user),
        "budgets": SubsidyBudget.objects.visible_to(user),
        "configures": configures,
        "policy_form": policy_form,
        "budget_form": budget_form,
    }
    return render(request, "enterprise/subsidies_policies.html", context)


def policy_detail(request: HttpRequest, subsidy_policy_id: int) -> HttpResponse:
    policy = selectors_subsidies.policy_or_404(request.user, subsidy_policy_id)
    configures = policies.can_configure(request.user, policy.unit_id)
    initial = {"name": policy.name, "first_year": policy.first_year, "last_year": policy.last_year, "note": policy.note}
    action = request.POST.get("action")
    policy_form = PolicyForm(request.POST if action == "policy" else None, initial=initial)
    clause_form = ClauseForm(request.POST if action == "clause" else None, initial={"is_active": True})
    if request.method == "POST":
        require(configures)
        try:
            if action == "policy" and policy_form.is_valid():
                subsidies.policy_save(actor=request.user, unit=None, policy=policy, **policy_form.cleaned_data)
                messages.success(request, "已保存政策")
                return redirect("enterprise:subsidy_policy", policy.pk)
            if action == "clause" and clause_form.is_valid():
                clause = _save_clause(request, policy, clause_form)
                messages.success(request, f"已添加{clause.code}")
                return redirect("enterprise:subsidy_policy", policy.pk)
        except (ValidationError, PermissionDenied) as exc:
            (policy_form if action == "policy" else clause_form).add_error(None, refusal(exc))
    context = {
        "policy": policy,
        "clauses": policy.clauses.all(),
        "configures": configures,
        "policy_form": policy_form,
        "clause_form": clause_form,
    }
    return render(request, "enterprise/subsidies_policy.html", context)


def _save_clause(request, policy, form: ClauseForm, clause=None):
    data = form.cleaned_data
    return subsidies.clause_save(
        actor=request.user,
        policy=policy,
        clause=clause,
        code=data["code"],
        title=data["title"],
        conditions=data["conditions"],
        formula=form.formula(),
        clawback_years=data["clawback_years"],
        is_active=data["is_active"],
    )


def clause_edit(request: HttpRequest, subsidy_clause_id: int) -> HttpResponse:
    clause = selectors_subsidies.clause_or_404(request.user, subsidy_clause_id)
    require(policies.can_configure(request.user, clause.unit_id))
    form = ClauseForm(request.POST or None, initial=ClauseForm.initial_of(clause))
    if request.method == "POST" and form.is_valid():
        try:
            _save_clause(request, clause.policy, form, clause)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, f"已保存{clause.code}")
            return redirect("enterprise:subsidy_policy", clause.policy_id)
    return render(request, "enterprise/subsidies_clause.html", {"clause": clause, "form": form})

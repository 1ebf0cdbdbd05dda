"""Pages of the problem ledger (问题台账): record, hand over, resolve, verify; timeliness figures; settings."""

from __future__ import annotations

import io
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from taizhang.assistance import problems, rules, selectors
from taizhang.assistance.forms.filters import days_from
from taizhang.assistance.forms.problems import (
    AssignForm,
    DeadlinesForm,
    DepartmentForm,
    DepartmentNodeForm,
    ProblemFilterForm,
    ProblemForm,
    ProblemPrefillForm,
    ResolveForm,
    VerifyForm,
    problem_initial,
)
from taizhang.assistance.models import AssistedHousehold, Department, Problem, ProblemPhoto, Visit
from taizhang.assistance.policies import can_manage_assistance, is_unit_admin_of
from taizhang.assistance.selectors import is_helper
from taizhang.core import clock
from taizhang.core.forms import download_format
from taizhang.core.http import XLSX, download, require
from taizhang.core.models import RecordStatus
from taizhang.core.pages import cleaned, refusal, run_action, void_page
from taizhang.documents.tabular import write_xlsx
from taizhang.org.models import OrgNode
from taizhang.org.scoping import get_visible_or_404, scoped_image

PAGE_SIZE = 50
LEDGER_COLUMNS = [
    "户编号",
    "户主",
    "村居",
    "类别",
    "问题描述",
    "发现日期",
    "发现人",
    "进度",
    "上报日期",
    "责任部门",
    "办结期限",
    "解决日期",
    "解决情况",
    "是否逾期",
    "核实日期",
]


def _date(moment):
    return timezone.localdate(moment) if moment else None


def _ledger_rows(items, today):
    for p in items:
        overdue = rules.is_overdue(p.due_date, _date(p.resolved_at), today)
        yield [
            p.assisted.household.household_no,
            p.assisted.household.head.name if p.assisted.household.head else "",
            p.community.name,
            p.category,
            p.description,
            p.found_on,
            p.found_by.full_name or p.found_by.username,
            p.get_stage_display(),
            _date(p.reported_at),
            p.department.name if p.department else "",
            p.due_date,
            _date(p.resolved_at),
            p.resolution,
            "逾期" if overdue else "",
            _date(p.verified_at),
        ]


def problem_index(request: HttpRequest) -> HttpResponse:
    form = ProblemFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    today = clock.today()
    items = selectors.problem_list(
        request.user,
        stage=filters.get("stage", ""),
        category=filters.get("category", ""),
        department_id=filters.get("department"),
        community_id=filters.get("community"),
        overdue=filters.get("overdue", False),
        today=today,
    )
    if download_format(request.GET, "xlsx"):
        stream = io.BytesIO()
        write_xlsx(
            stream,
            LEDGER_COLUMNS,
            _ledger_rows(items.select_related("assisted__household__head"), today),
            sheet_title="问题台账",
            text_columns=["户编号"],
        )
        return download(stream.getvalue(), f"问题台账-{today:%Y%m%d}.xlsx", XLSX)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    for problem in page:
        problem.overdue = rules.is_overdue(problem.due_date, _date(problem.resolved_at), today)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assistance/problem_list.html",
        {
            "page": page,
            "form": form,
            "filters": filters,
            "querystring": query.urlencode(),
            "departments": Department.objects.visible_to(request.user).filter(is_active=True),
            "communities": OrgNode.objects.visible_to(request.user)
            .filter(kind=OrgNode.Kind.COMMUNITY)
            .order_by("path"),
            "can_manage": can_manage_assistance(request.user),
        },
    )


def problem_new(request: HttpRequest) -> HttpResponse:
    prefill = ProblemPrefillForm(request.GET)
    about = prefill.cleaned_data if prefill.is_valid() else {}
    visit = None
    if about.get("visit"):
        visit = get_visible_or_404(Visit.objects.select_related("assisted__household"), request.user, pk=about["visit"])
        assisted = visit.assisted
    else:
        assisted = get_visible_or_404(
            AssistedHousehold.objects.select_related("household"), request.user, pk=about.get("assisted") or 0
        )
    form = ProblemForm(request.POST or None, request.FILES or None, initial=problem_initial(visit, about.get("item")))
    if request.method == "POST" and form.is_valid():
        try:
            problem = problems.problem_create(
                actor=request.user,
                assisted=assisted,
                category=form.cleaned_data["category"],
                description=form.cleaned_data["description"],
                found_on=form.cleaned_data["found_on"],
                visit=visit,
                photos=form.cleaned_data["photos"],
                report=form.cleaned_data["report"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "问题已登记" + ("并上报" if problem.stage == Problem.Stage.REPORTED else ""))
            return redirect("assistance:problem_detail", problem_id=problem.pk)
    return render(request, "assistance/problem_form.html", {"form": form, "assisted": assisted, "visit": visit})


def problem_detail(request: HttpRequest, problem_id: int) -> HttpResponse:
    problem = get_visible_or_404(
        Problem.objects.select_related(
            "assisted__household", "department", "found_by", "verified_by", "visit", "verify_visit"
        ),
        request.user,
        pk=problem_id,
    )
    admin = is_unit_admin_of(request.user, problem.unit_id)
    today = clock.today()
    helper = is_helper(request.user, problem.assisted, today)
    action = request.POST.get("action")
    forms = {}
    department_staff = problems.is_department_staff(request.user, problem)
    if admin:
        forms["assign"] = AssignForm(
            request.POST if action == "assign" else None,
            unit_id=problem.unit_id,
            initial={"department": problem.department_id},
        )
    if admin or department_staff:
        forms["resolve"] = ResolveForm(request.POST if action == "resolve" else None)
    if (admin or helper) and problem.resolved_at:
        later = Visit.objects.filter(
            assisted=problem.assisted, status=RecordStatus.ACTIVE, ended_at__gte=problem.resolved_at
        ).order_by("-started_at")
        forms["verify"] = VerifyForm(request.POST if action == "verify" else None, visits=later)
    if request.method == "POST":

        def assign():
            data = cleaned(forms["assign"])
            problems.problem_assign(actor=request.user, problem=problem, department=data["department"], due=data["due"])
            return "已交办"

        def resolve():
            data = cleaned(forms["resolve"])
            problems.problem_resolve(actor=request.user, problem=problem, resolution=data["resolution"])
            return "已登记解决情况"

        def verify():
            data = cleaned(forms["verify"])
            problems.problem_verify(actor=request.user, problem=problem, visit=data["visit"], note=data["note"])
            return "已核实"

        def report():
            problems.problem_report(actor=request.user, problem=problem)
            return "已上报镇扶贫办"

        # Only the steps this user has a form for (a helper has no 交办 form, for instance).
        handlers = {"report": report} | {
            name: step for name, step in (("assign", assign), ("resolve", resolve), ("verify", verify)) if name in forms
        }
        done = run_action(request, handlers, reverse("assistance:problem_detail", args=[problem.pk]))
        if done:
            return done
    return render(
        request,
        "assistance/problem_detail.html",
        {
            "problem": problem,
            "forms": forms,
            "admin": admin,
            "helper": helper,
            "overdue": rules.is_overdue(problem.due_date, _date(problem.resolved_at), today),
            "may_report": problem.stage == Problem.Stage.FOUND
            and (admin or helper or problem.found_by_id == request.user.pk),
            "may_void": problem.status == RecordStatus.ACTIVE and (admin or problem.found_by_id == request.user.pk),
        },
    )


def problem_void(request: HttpRequest, problem_id: int) -> HttpResponse:
    problem = get_visible_or_404(Problem.objects.select_related("assisted__household"), request.user, pk=problem_id)
    return void_page(
        request,
        title=f"作废问题（{problem.category}）",
        done_message="问题已作废",
        void=lambda reason: problems.problem_void(actor=request.user, problem=problem, reason=reason),
        done_url=reverse("assistance:problem_detail", args=[problem.pk]),
    )


def problem_photo(request: HttpRequest, problem_photo_id: int) -> FileResponse:
    return scoped_image(request, ProblemPhoto.objects.all(), problem_photo_id)


def problem_figures(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    first, last, errors = days_from(request.GET, first=today - timedelta(days=89), last=today)
    for error in errors:
        messages.error(request, error)
    figures = selectors.problem_figures(request.user, first, last, today=today)
    return render(
        request,
        "assistance/problem_figures.html",
        {
            "figures": figures,
            "can_manage": can_manage_assistance(request.user),
            "tables": [("按责任部门", figures.by_department), ("按村居", figures.by_community)],
        },
    )


def problem_settings(request: HttpRequest) -> HttpResponse:
    require(can_manage_assistance(request.user) and request.user.unit_id is not None)
    unit_id = request.user.unit_id
    current = {c: rules.deadline_days(c, problems.deadline_overrides(unit_id)) for c in rules.PROBLEM_CATEGORIES}
    action = request.POST.get("action")
    department_form = DepartmentForm(request.POST if action == "department" else None)
    node_form = DepartmentNodeForm(request.POST if action == "department_node" else None, unit_id=unit_id)
    deadlines_form = DeadlinesForm(request.POST if action == "deadlines" else None, current=current)
    if request.method == "POST":

        def deadlines():
            for category, days in cleaned(deadlines_form).items():
                problems.deadline_set(actor=request.user, unit_id=unit_id, category=category, days=days)

        done = run_action(
            request,
            {
                "department": lambda: problems.department_add(
                    actor=request.user, unit_id=unit_id, name=cleaned(department_form)["name"]
                ),
                "deadlines": deadlines,
                "department_node": lambda: problems.department_node_set(
                    actor=request.user, department=cleaned(node_form)["department"], node=cleaned(node_form)["node"]
                ),
            },
            reverse("assistance:problem_settings"),
        )
        if done:
            return done
    return render(
        request,
        "assistance/problem_settings.html",
        {
            "departments": Department.objects.filter(unit_id=unit_id).select_related("node"),
            "workgroups": node_form.fields["node"].queryset,
            "department_form": department_form,
            "deadlines_form": deadlines_form,
            "can_manage": True,
        },
    )

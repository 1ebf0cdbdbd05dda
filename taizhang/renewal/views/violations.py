"""Pages of 控违拆违: the list with its figures and Excel, the phone report form with photos, a report with its
progress, voiding, the photos (scoped)."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.core import clock
from taizhang.core.forms import download_format
from taizhang.core.http import XLSX, download, require
from taizhang.core.listing import chip, list_response, paginate
from taizhang.core.pages import refusal, void_page
from taizhang.documents.tabular import write_xlsx
from taizhang.org.scoping import scoped_image, user_scope
from taizhang.renewal import selectors, violations
from taizhang.renewal.forms.lists import ViolationFilterForm
from taizhang.renewal.forms.violations import (
    ProgressForm,
    ViolationForm,
)
from taizhang.renewal.models import ProjectHousehold, Violation, ViolationPhoto
from taizhang.renewal.policies import can_record

COLUMNS = ["村居", "户编号", "位置", "类型", "情况", "面积（m²）", "发现日期", "进展", "拆除日期", "工作组", "报告人"]


def _communities(user, project):
    """The project's communities the user works in (all of them for the unit's staff)."""
    communities = project.ordered_communities()
    scope = user_scope(user)
    return communities.filter(pk=scope.community_id) if scope.community_id is not None else communities


def _rows(items):
    for v in items:
        yield [
            v.community.name,
            v.entry.household.household_no if v.entry else "",
            v.location,
            v.kind,
            v.description,
            v.area,
            v.found_on,
            v.get_progress_display(),
            v.demolished_on,
            v.group.name if v.group else "",
            str(v.reported_by) if v.reported_by else "系统",
        ]


def violation_list(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    form = ViolationFilterForm(request, project)
    filters = form.filters()
    in_community = violations.violation_list(request.user, project, community_id=filters.get("community"))
    if filters["group"]:
        in_community = in_community.filter(group_id=filters["group"])
    if filters["q"]:
        q = filters["q"].strip()
        in_community = in_community.filter(
            Q(location__contains=q)
            | Q(description__contains=q)
            | Q(entry__in=selectors.entries_matching(request.user, ProjectHousehold.objects.filter(project=project), q))
        )
    items = in_community.filter(progress=filters["progress"]) if filters["progress"] else in_community
    if download_format(request.GET, "xlsx"):
        stream = io.BytesIO()
        write_xlsx(stream, COLUMNS, _rows(items), sheet_title="控违拆违", text_columns=["户编号"])
        return download(stream.getvalue(), f"控违拆违-{project.name}-{clock.today():%Y%m%d}.xlsx", XLSX)
    counts = violations.progress_counts(in_community)
    context = {
        "project": project,
        "page": paginate(request, items),
        "filter_form": form,
        "figures": [
            (value, counts[value], chip(request.GET, label, progress=value))
            for value, label in Violation.Progress.choices
        ],
        "total": sum(counts.values()),
        "can_record": can_record(request.user, project),
    }
    return list_response(request, "renewal/violations/list.html", "renewal/violations/_rows.html", context)


def violation_new(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    require(can_record(request.user, project), "您的角色不能登记违法建设")
    form = ViolationForm(
        request.POST or None,
        request.FILES or None,
        communities=_communities(request.user, project),
        initial={"household_no": request.GET.get("household", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        entry = None
        if data["household_no"].strip():
            entry = (
                selectors.entries(request.user, project)
                .filter(household__household_no=data["household_no"].strip())
                .first()
            )
            if entry is None:
                form.add_error(
                    "household_no", f"本项目征收范围内（您的工作范围内）没有户 {data['household_no'].strip()}"
                )
        if form.is_valid():
            try:
                violation = violations.violation_report(
                    actor=request.user,
                    project=project,
                    location=data["location"],
                    kind=data["kind"],
                    description=data["description"],
                    found_on=data["found_on"],
                    area=data["area"],
                    entry=entry,
                    community=None if entry else data["community"],
                    photos=data["photos"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, "违法建设已登记")
                return redirect("renewal:violation_detail", violation_id=violation.pk)
    return render(request, "renewal/violations/form.html", {"project": project, "form": form})


def violation_detail(request: HttpRequest, violation_id: int) -> HttpResponse:
    violation = violations.violation_or_404(request.user, violation_id)
    may_record = violations.may_record(request.user, violation) and violation.progress != Violation.Progress.DEMOLISHED
    form = ProgressForm(request.POST or None, request.FILES or None, current=violation.progress) if may_record else None
    if request.method == "POST":
        require(may_record, "您不能登记这一违法建设的进展")
        if form.is_valid():
            data = form.cleaned_data
            try:
                violations.violation_progress(
                    actor=request.user,
                    violation=violation,
                    progress=data["progress"],
                    on=data["on"],
                    photos=data["photos"],
                    note=data["note"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, "进展已登记")
                return redirect("renewal:violation_detail", violation_id=violation.pk)
    photos = list(violation.photos.order_by("stage", "id"))
    return render(
        request,
        "renewal/violations/detail.html",
        {
            "project": violation.project,
            "violation": violation,
            "form": form,
            "found_photos": [p for p in photos if p.stage == ViolationPhoto.Stage.FOUND],
            "after_photos": [p for p in photos if p.stage == ViolationPhoto.Stage.DEMOLISHED],
            "steps": [
                (value, label, index <= [v for v, _ in Violation.Progress.choices].index(violation.progress))
                for index, (value, label) in enumerate(Violation.Progress.choices)
            ],
            "may_void": violations.may_void(request.user, violation),
        },
    )


def violation_void(request: HttpRequest, violation_id: int) -> HttpResponse:
    violation = violations.violation_or_404(request.user, violation_id)
    return void_page(
        request,
        title=f"作废违法建设记录（{violation.location}）",
        done_message="记录已作废",
        void=lambda reason: violations.violation_void(actor=request.user, violation=violation, reason=reason),
        done_url=reverse("renewal:violation_detail", args=[violation.pk]),
    )


def violation_photo(request: HttpRequest, violation_photo_id: int) -> FileResponse:
    return scoped_image(request, ViolationPhoto.objects.all(), violation_photo_id)

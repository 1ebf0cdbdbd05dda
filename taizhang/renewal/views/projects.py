from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string

from taizhang.core import clock
from taizhang.core.http import PDF, download, require
from taizhang.core.listing import chip, list_response, paginate
from taizhang.core.pages import refusal
from taizhang.documents.pdf import render_pdf
from taizhang.org.models import OrgNode
from taizhang.registry.models import Household
from taizhang.renewal import progress, projects, publicity, red_line, selectors
from taizhang.renewal.forms.lists import MEASURED, UNMEASURED, EntryFilterForm
from taizhang.renewal.forms.projects import (
    FreezeNoticeForm,
    GroupForm,
    HouseholdAddForm,
    ProjectForm,
    ProjectSettingsForm,
)
from taizhang.renewal.models import FreezeNotice, ProjectGroup
from taizhang.renewal.policies import can_manage_project


def _may_create(user) -> bool:
    return user.is_authenticated and user.unit_id is not None and user.role == "unit_admin"


def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(request.POST or None, unit_id=request.user.unit_id) if _may_create(request.user) else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            project = projects.project_create(
                actor=request.user, unit=OrgNode.objects.get(pk=request.user.unit_id), **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, f"征收项目“{project.name}”已建立")
            return redirect("renewal:project_detail", project_id=project.pk)
    rows = selectors.project_list(request.user).annotate(household_count=Count("households", distinct=True))
    return render(request, "renewal/projects/list.html", {"projects": rows, "form": form})


def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    project.freeze_notice_id = FreezeNotice.objects.filter(project=project).values_list("pk", flat=True).first()
    groups = (
        ProjectGroup.objects.filter(project=project).select_related("leader").prefetch_related("communities", "members")
    )
    today = clock.today()
    brief, _ = progress.brief(request.user, project, today, today)
    return render(
        request,
        "renewal/projects/detail.html",
        {
            "project": project,
            "groups": groups,
            "brief": brief,
            "communities": project.ordered_communities(),
            "household_count": selectors.entries(request.user, project).count(),
            "unmeasured": selectors.unmeasured_count(request.user, project),
            "pending": selectors.pending_counts(request.user, project),
            "my_groups": selectors.groups_of(request.user, project),
            "can_manage": can_manage_project(request.user, project),
            "must_repost": publicity.must_repost_count(request.user, project),
        },
    )


def _manager_or_403(request: HttpRequest, project) -> None:
    require(can_manage_project(request.user, project), "只有本单位管理员可以办理")


def household_list(request: HttpRequest, project_id: int) -> HttpResponse:
    """The red-line households; the unit admin adds them one by one here, or as a list through the import pages."""
    project = selectors.project_or_404(request.user, project_id)
    manage = can_manage_project(request.user, project)
    add_form = HouseholdAddForm(request.POST if request.POST.get("action") == "add" else None) if manage else None
    if manage and request.method == "POST" and request.POST.get("action") == "add" and add_form.is_valid():
        no = add_form.cleaned_data["household_no"].strip()
        household = Household.objects.visible_to(request.user).filter(household_no=no).first()
        if household is None:
            add_form.add_error("household_no", "本单位户籍台账中没有这个户编号")
        else:
            try:
                red_line.household_add(actor=request.user, project=project, household=household)
            except (ValidationError, PermissionDenied) as exc:
                add_form.add_error(None, refusal(exc))
            else:
                messages.success(request, f"户 {no} 已加入征收范围")
                return redirect("renewal:household_list", project_id=project.pk)
    form = EntryFilterForm(request, project, my_group=True)
    filters = form.filters()
    everything = selectors.entries(request.user, project)
    rows = selectors.entries_matching(request.user, everything, filters["q"])
    if filters.get("community"):
        rows = rows.filter(community_id=filters["community"])
    if filters["group"]:
        rows = rows.filter(group_id=filters["group"])
    if filters["courtyard"]:
        measured = selectors.measured_courtyard()
        rows = rows.filter(measured if filters["courtyard"] == MEASURED else ~measured)
    context = {
        "project": project,
        "page": paginate(request, rows),
        "filter_form": form,
        "chips": [
            chip(
                request.GET,
                "院落未测量",
                count=selectors.unmeasured_count(request.user, project),
                courtyard=UNMEASURED,
            )
        ],
        "add_form": add_form,
        "can_manage": manage,
    }
    return list_response(request, "renewal/projects/households.html", "renewal/projects/_household_rows.html", context)


def project_settings(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    _manager_or_403(request, project)
    form = ProjectSettingsForm(
        request.POST or None,
        initial={
            "name": project.name,
            "start_date": project.start_date,
            "freeze_date": project.freeze_date,
            "publicity_days": project.publicity_days,
            "special_cases": sorted(project.special_case_keys),
            "newborn_cutoff": project.newborn_cutoff,
            "marriage_cutoff": project.marriage_cutoff,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            projects.project_update(
                actor=request.user,
                project=project,
                name=data["name"],
                start_date=data["start_date"],
                freeze_date=data["freeze_date"],
                publicity_days=data["publicity_days"],
                special_cases=data["special_cases"],
                newborn_cutoff=data["newborn_cutoff"],
                marriage_cutoff=data["marriage_cutoff"],
                reason=data["reason"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "项目设置已保存")
            return redirect("renewal:project_detail", project_id=project.pk)
    return render(request, "renewal/projects/form.html", {"project": project, "form": form, "title": "项目设置"})


def group_edit(request: HttpRequest, project_id: int, group_id: int | None = None) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    group = get_object_or_404(ProjectGroup, project=project, pk=group_id) if group_id else None
    _manager_or_403(request, project)
    initial = {"kind": ProjectGroup.Kind.REGIONAL}
    if group:
        initial = {
            "name": group.name,
            "kind": group.kind,
            "blocks": group.blocks,
            "leader": group.leader_id,
            "communities": list(group.communities.values_list("pk", flat=True)),
            "members": list(group.members.values_list("pk", flat=True)),
        }
    form = GroupForm(request.POST or None, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            projects.group_save(
                actor=request.user,
                project=project,
                group=group,
                **{
                    **form.cleaned_data,
                    "communities": list(form.cleaned_data["communities"]),
                    "members": list(form.cleaned_data["members"]),
                },
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "工作组已保存")
            return redirect("renewal:project_detail", project_id=project.pk)
    return render(
        request,
        "renewal/projects/form.html",
        {"project": project, "form": form, "title": f"工作组：{group.name}" if group else "新增工作组"},
    )


def freeze_notice(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    notice = FreezeNotice.objects.filter(project=project).first()
    manage = can_manage_project(request.user, project)
    form = None
    if manage:
        form = FreezeNoticeForm(
            request.POST or None,
            initial={
                "issued_on": notice.issued_on if notice else clock.today(),
                "scope": notice.scope if notice else projects.default_notice_scope(project),
                "text": notice.text if notice else projects.default_notice_text(project),
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                projects.freeze_notice_save(actor=request.user, project=project, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, "冻结公告已保存，可打印张贴")
                return redirect("renewal:freeze_notice", project_id=project.pk)
    return render(
        request,
        "renewal/projects/freeze_notice.html",
        {"project": project, "notice": notice, "form": form, "can_manage": manage},
    )


def freeze_notice_pdf(request: HttpRequest, project_id: int) -> HttpResponse:
    """One page per community, to post in each."""
    project = selectors.project_or_404(request.user, project_id)
    notice = get_object_or_404(FreezeNotice, project=project)
    html = render_to_string(
        "renewal/projects/freeze_notice_pdf.html",
        {"project": project, "notice": notice, "communities": project.ordered_communities()},
    )
    return download(render_pdf(html, base_url=request.build_absolute_uri("/")), f"冻结公告-{project.name}.pdf", PDF)

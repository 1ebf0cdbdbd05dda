"""Pages of population determination (人口界定), publicity (公示) and objections."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from taizhang.core import clock
from taizhang.core.forms import download_format
from taizhang.core.http import PDF, XLSX, download
from taizhang.core.listing import chip, list_response, paginate
from taizhang.core.models import RecordStatus
from taizhang.core.pages import cleaned, refusal, run_action
from taizhang.documents.pdf import render_pdf
from taizhang.documents.tabular import write_xlsx
from taizhang.renewal import determinations, publicity, rules, selectors
from taizhang.renewal.forms.determinations import (
    AnswerForm,
    FactsForm,
    ObjectionForm,
    OverrideForm,
    PublicityForm,
)
from taizhang.renewal.forms.lists import DeterminationFilterForm
from taizhang.renewal.policies import can_manage_project

LIST_COLUMNS = [
    "户编号",
    "户主",
    "村居",
    "工作组",
    "在册人数",
    "认定",
    "不认定",
    "待定",
    "界定状态",
    "界定完成日期",
    "公示",
]


def determination_list(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    form = DeterminationFilterForm(request, project)
    filters = form.filters()
    rows = selectors.entries_matching(
        request.user,
        selectors.household_rows(
            request.user,
            project,
            community_id=filters.get("community"),
            group_id=filters["group"],
            status=filters["status"],
        ),
        filters["q"],
    )
    if download_format(request.GET, "xlsx"):
        rows = list(rows)
        shown = publicity.statuses([r.pk for r in rows])
        stream = io.BytesIO()
        write_xlsx(
            stream,
            LIST_COLUMNS,
            (
                [
                    r.household.household_no,
                    r.household.head.name if r.household.head else "",
                    r.community.name,
                    r.group.name if r.group else "",
                    r.member_count,
                    r.counted,
                    r.not_counted,
                    r.pending,
                    selectors.household_status(r),
                    r.determined_on or "",
                    shown[r.pk],
                ]
                for r in rows
            ),
            sheet_title="人口界定",
            text_columns=["户编号"],
        )
        return download(stream.getvalue(), f"{project.name}-人口界定-{clock.today():%Y%m%d}.xlsx", XLSX)
    page = paginate(request, rows)
    shown = publicity.statuses([r.pk for r in page])
    for row in page:
        row.status = selectors.household_status(row)
        row.publicity_status = shown[row.pk]
    pending = selectors.pending_counts(request.user, project)
    context = {
        "project": project,
        "page": page,
        "filter_form": form,
        "chips": [
            chip(
                request.GET,
                "仍有待定人员",
                count=f"{pending['households']} 户 {pending['persons']} 人",
                status=selectors.PARTLY_PENDING,
            ),
            chip(request.GET, "未界定", count=f"{pending['undetermined']} 户", status=selectors.UNDETERMINED),
        ],
        "can_import": can_manage_project(request.user, project),
    }
    return list_response(
        request, "renewal/determinations/list.html", "renewal/determinations/_household_rows.html", context
    )


def determination_household(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.entry_or_404(request.user, entry_id)
    project = entry.project
    may_record = determinations.may_record(request.user, entry)
    may_override = determinations.may_override(request.user, project)
    rows = selectors.member_rows(entry)
    by_id = {row.person.pk: row for row in rows}
    action, person_id = request.POST.get("action", ""), request.POST.get("person", "")
    if request.method == "POST":
        if not (may_record if action == "record" else may_override):
            raise PermissionDenied("您无权为该户办理人口界定")
        row = by_id.get(int(person_id)) if person_id.isdigit() else None
        if row is None:
            raise Http404
        prefix = f"p{row.person.pk}"
        done = run_action(
            request,
            {
                "record": lambda: _record(request, entry, row, FactsForm(request.POST, prefix=prefix)),
                "override": lambda: _override(
                    request, entry, row, OverrideForm(request.POST, prefix=f"o{row.person.pk}")
                ),
            },
            reverse("renewal:determination_household", args=[entry.pk]) + f"#person-{row.person.pk}",
        )
        if done:
            return done
    police = selectors.police_facts(project, [row.person.pk for row in rows]) if may_record else {}
    for row in rows:
        current = row.current
        initial = {"resident": True}
        if current is not None:
            initial = {
                "registered_on": current.registered_on,
                "left_on": current.left_on,
                "left_for": current.left_for,
                "resident": current.resident,
                "married_in_on": current.married_in_on,
            }
        row.police = police.get(row.person.pk)
        # the extract's moved-in date fills an empty 迁入日期 (never one already judged on); the user may change it
        row.prefilled = bool(row.police and row.police.moved_in_on and not initial.get("registered_on"))
        if row.prefilled:
            initial["registered_on"] = row.police.moved_in_on
        bound = request.method == "POST" and person_id == str(row.person.pk)
        # One who has left the household (or was voided) keeps the record, with no form.
        member = row.person.household_id == entry.household_id and row.person.status == RecordStatus.ACTIVE
        row.form = (
            FactsForm(
                request.POST if bound and action == "record" else None, prefix=f"p{row.person.pk}", initial=initial
            )
            if may_record and member
            else None
        )
        row.override_form = (
            OverrideForm(request.POST if bound and action == "override" else None, prefix=f"o{row.person.pk}")
            if may_override and member
            else None
        )
        if row.form is not None and row.form.is_bound:
            row.form.is_valid()
        if row.override_form is not None and row.override_form.is_bound:
            row.override_form.is_valid()
    return render(
        request,
        "renewal/determinations/household.html",
        {
            "project": project,
            "entry": entry,
            "rows": rows,
            "may_record": may_record,
            "may_override": may_override,
            "status": publicity.statuses([entry.pk])[entry.pk],
            "must_repost": rules.MUST_REPOST,
            "rules": project.determination_rules(),
            "special_cases": [label for key, label in rules.SPECIAL_CASES.items() if key in project.special_case_keys],
        },
    )


def _record(request, entry, row, form) -> str:
    data = cleaned(form)
    determination = determinations.determination_record(actor=request.user, entry=entry, person=row.person, **data)
    return f"{row.person.name}：{determination.verdict}（{determination.reason}）"


def _override(request, entry, row, form) -> str:
    data = cleaned(form)
    determination = determinations.determination_override(actor=request.user, entry=entry, person=row.person, **data)
    return f"{row.person.name}：已人工界定为{determination.verdict}"


# --- publicity ----------------------------------------------------------------------------------------


def publicity_list(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    form = None
    if can_manage_project(request.user, project):
        form = PublicityForm(
            request.POST or None,
            communities=project.ordered_communities(),
            days=project.publicity_days,
            initial={"starts_on": clock.today()},
        )
        if request.method == "POST" and form.is_valid():
            community = project.communities.filter(pk=form.cleaned_data["community"]).first()
            try:
                if community is None:
                    raise ValidationError("请选择本项目涉及的村居")
                posted = publicity.publicity_create(
                    actor=request.user, project=project, community=community, starts_on=form.cleaned_data["starts_on"]
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, f"{community.name}公示已建立：{posted.starts_on} 至 {posted.ends_on}")
                return redirect("renewal:publicity_detail", publicity_id=posted.pk)
    elif request.method == "POST":
        raise PermissionDenied("只有本单位管理员可以建立公示")
    today = clock.today()
    items = list(publicity.publicity_list(request.user, project))
    for item in items:
        item.window = publicity.window_status(item, today)
    return render(
        request, "renewal/determinations/publicity_list.html", {"project": project, "items": items, "form": form}
    )


def publicity_detail(request: HttpRequest, publicity_id: int) -> HttpResponse:
    posted = publicity.publicity_or_404(request.user, publicity_id)
    project = posted.project
    lines = list(posted.lines.select_related("entry__household").order_by("entry__household__household_no"))
    today = clock.today()
    window = publicity.window_status(posted, today)
    may_record = determinations.can_record(request.user, project)
    mine = [line for line in lines if determinations.in_scope(request.user, line.entry)]
    form = None
    if may_record and mine and window != rules.UPCOMING:
        form = ObjectionForm(request.POST or None, lines=mine, initial={"received_on": min(today, posted.ends_on)})
        if request.method == "POST" and form.is_valid():
            line = next(line for line in mine if line.entry_id == form.cleaned_data["entry"])
            try:
                publicity.objection_record(
                    actor=request.user,
                    publicity=posted,
                    entry=line.entry,
                    submitted_by=form.cleaned_data["submitted_by"],
                    received_on=form.cleaned_data["received_on"],
                    content=form.cleaned_data["content"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, f"户 {line.entry.household.household_no} 的异议已登记")
                return redirect("renewal:publicity_detail", publicity_id=posted.pk)
    elif request.method == "POST":
        raise PermissionDenied("您无权登记异议")
    shown = publicity.statuses([line.entry_id for line in lines], today)
    for line in lines:
        line.status = shown[line.entry_id]
    objections = list(posted.objections.visible_to(request.user).select_related("entry__household"))
    return render(
        request,
        "renewal/determinations/publicity_detail.html",
        {
            "project": project,
            "publicity": posted,
            "lines": lines,
            "outdated": [line for line in lines if line.outdated_at],
            "window": window,
            "objections": objections,
            "form": form,
            "totals": _totals(lines),
            "days": _days(posted),
        },
    )


def _days(posted) -> int:
    return (posted.ends_on - posted.starts_on).days + 1


def _totals(lines) -> dict:
    # No area totals: a shared courtyard is on each owner's line, so a sum would count it twice.
    return {"households": len(lines), "counted": sum(line.counted_persons for line in lines)}


def publicity_pdf(request: HttpRequest, publicity_id: int) -> HttpResponse:
    posted = publicity.publicity_or_404(request.user, publicity_id)
    lines = list(posted.lines.select_related("entry__household").order_by("entry__household__household_no"))
    html = render_to_string(
        "renewal/determinations/publicity_pdf.html",
        {
            "project": posted.project,
            "publicity": posted,
            "lines": lines,
            "totals": _totals(lines),
            "days": _days(posted),
        },
    )
    return download(
        render_pdf(html, base_url=request.build_absolute_uri("/")),
        f"{posted.project.name}-{posted.community.name}-公示-{posted.starts_on:%Y%m%d}.pdf",
        PDF,
    )


def objection_detail(request: HttpRequest, objection_id: int) -> HttpResponse:
    objection = publicity.objection_or_404(request.user, objection_id)
    project = objection.publicity.project
    may_answer = publicity.may_answer(request.user, project) and objection.status == objection.Status.OPEN
    form = AnswerForm(request.POST or None) if may_answer else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("只有本单位管理员或人口界定工作组可以答复异议")
        if form.is_valid():
            try:
                publicity.objection_answer(actor=request.user, objection=objection, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, "异议已答复")
                return redirect("renewal:objection_detail", objection_id=objection.pk)
    return render(
        request,
        "renewal/determinations/objection_detail.html",
        {"project": project, "objection": objection, "form": form},
    )

"""The helper's home, assisted households and their visits (帮扶户、走访)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.assistance import households, importing, rules, selectors, visits
from taizhang.assistance.forms.filters import DUE, MET, AssistedFilterForm, month_from
from taizhang.assistance.forms.households import (
    AssistedForm,
    HelpersForm,
    LedgerImportForm,
    LocationForm,
    MeasuresForm,
    VisitForm,
    is_manual,
    unit_staff,
)
from taizhang.assistance.models import CHECKLIST, FINDINGS, AssistedHousehold, Visit, VisitPhoto
from taizhang.assistance.policies import can_manage_assistance, is_unit_admin_of
from taizhang.core import clock
from taizhang.core.http import require
from taizhang.core.listing import chip, list_response, paginate
from taizhang.core.pages import cleaned, refusal, run_action, void_page
from taizhang.org.scoping import get_visible_or_404, scoped_image
from taizhang.org.selectors import visible_communities
from taizhang.registry.models import Household
from taizhang.registry.selectors import household_match


def index(request: HttpRequest) -> HttpResponse:
    """The helper's phone home page: my households, this month's valid visits and the days left."""
    month = rules.Month.of(clock.today())
    mine = selectors.my_households(request.user, month)
    mine.households.sort(key=lambda h: (h.result.met, -h.result.missing, h.household_no))  # still due first
    return render(
        request,
        "assistance/index.html",
        {"month": month, "mine": mine, "can_manage": can_manage_assistance(request.user)},
    )


def household_list(request: HttpRequest) -> HttpResponse:
    month, _ = month_from(request.GET)
    form = None
    if can_manage_assistance(request.user) and request.user.unit_id:
        form = AssistedForm(request.POST or None, unit_id=request.user.unit_id, initial={"start_date": clock.today()})
        if request.method == "POST" and form.is_valid():
            household = (
                Household.objects.visible_to(request.user)
                .filter(household_no=form.cleaned_data["household_no"].strip())
                .first()
            )
            if household is None:
                form.add_error("household_no", "本单位户籍台账中没有这个户编号")
            else:
                try:
                    assisted = households.assisted_mark(
                        actor=request.user,
                        household=household,
                        category=form.cleaned_data["category"],
                        start_date=form.cleaned_data["start_date"],
                        helpers=list(form.cleaned_data["helpers"]),
                    )
                except ValidationError as exc:
                    form.add_error(None, exc.messages[0])
                else:
                    messages.success(request, f"户 {household.household_no} 已列为帮扶户")
                    return redirect("assistance:household_detail", assisted_id=assisted.pk)
    filter_form = AssistedFilterForm(
        request.GET,
        communities=visible_communities(request.user),
        helpers=selectors.helpers_in_month(request.user, month),
    )
    filters = filter_form.filters()
    report = selectors.month_compliance(
        request.user, month, community_id=filters.get("community"), helper_id=filters["group"]
    )
    rows = report.households
    if filters["q"]:
        found = set(
            Household.objects.visible_to(request.user)
            .filter(household_match(request.user, filters["q"]))
            .values_list("id", flat=True)
        )
        rows = [h for h in rows if h.household_id in found]
    if filters["visits"]:
        rows = [h for h in rows if h.result.met == (filters["visits"] == MET)]
    context = {
        "report": report,
        "month": month,
        "form": form,
        "filter_form": filter_form,
        "page": paginate(request, rows),
        "chips": [chip(request.GET, "走访未达标", count=len(report.due), visits=DUE)],
    }
    return list_response(request, "assistance/household_list.html", "assistance/_household_rows.html", context)


# The two ledgers a town keeps before it has the system: its list of assisted households and the visits made so far.
LEDGERS = {
    "assisted": {
        "title": "导入帮扶户名单",
        "service": importing.assisted_import,
        "columns": importing.ASSISTED_COLUMNS,
        "note": "帮扶类别填建档立卡户或监测户；帮扶责任人填账号的用户名，多人用“、”分隔；户须已在户籍台账中。",
    },
    "visits": {
        "title": "导入历史走访记录",
        "service": importing.visits_import,
        "columns": importing.VISIT_COLUMNS,
        "note": "帮扶责任人填用户名，多人用“、”分隔；跨午夜的走访在结束时间前写“次日”（如 次日00:20）；"
        "时长不足的走访照常导入、按规则不计入。重复导入同一文件不会重复登记。",
    },
}


def ledger_import(request: HttpRequest, ledger: str) -> HttpResponse:
    """The unit admin uploads one of the town's ledgers: checked whole, then imported whole or not at all."""
    require(can_manage_assistance(request.user) and request.user.unit_id is not None, "只有单位管理员可以导入台账")
    spec = LEDGERS[ledger]
    form = LedgerImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = spec["service"](
            actor=request.user,
            unit=request.user.unit,
            data=upload.read(),
            filename=upload.name,
            dry_run=form.cleaned_data["dry_run"],
        )
        if report.ok and report.applied:
            messages.success(request, f"{upload.name}：{report.summary()}")
            return redirect("assistance:household_list")
    return render(request, "assistance/ledger_import.html", {"spec": spec, "form": form, "report": report})


def household_detail(request: HttpRequest, assisted_id: int) -> HttpResponse:
    assisted = get_visible_or_404(
        AssistedHousehold.objects.select_related("household", "community"), request.user, pk=assisted_id
    )
    visits = selectors.judged(selectors.visit_list(request.user, assisted_id=assisted.pk)[:200], assisted.unit_id)
    manage = can_manage_assistance(request.user) and is_unit_admin_of(request.user, assisted.unit_id)
    may_visit = selectors.may_act_for(request.user, assisted)
    measures_form = (
        MeasuresForm(
            request.POST if request.POST.get("action") == "measures" else None,
            initial={"measures": assisted.measures, "benefits": assisted.benefits},
        )
        if may_visit
        else None
    )
    location_form = (
        LocationForm(
            request.POST if request.POST.get("action") == "location" else None,
            initial={"latitude": assisted.latitude, "longitude": assisted.longitude},
        )
        if may_visit
        else None
    )
    if may_visit and request.POST.get("action") in ("measures", "location"):
        done = run_action(
            request,
            {
                "measures": lambda: households.measures_update(
                    actor=request.user, assisted=assisted, **cleaned(measures_form)
                ),
                "location": lambda: households.location_set(
                    actor=request.user, assisted=assisted, **cleaned(location_form)
                ),
            },
            reverse("assistance:household_detail", args=[assisted.pk]),
        )
        if done:
            return done
    helpers_form = None
    if manage:
        helpers_form = HelpersForm(
            request.POST or None,
            unit_id=assisted.unit_id,
            initial={"on": clock.today(), "helpers": [h.pk for h in selectors.helpers_on(assisted, clock.today())]},
        )
        if request.method == "POST" and not request.POST.get("action") and helpers_form.is_valid():
            try:
                households.helpers_assign(
                    actor=request.user,
                    assisted=assisted,
                    on=helpers_form.cleaned_data["on"],
                    helpers=list(helpers_form.cleaned_data["helpers"]),
                    reason=helpers_form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                helpers_form.add_error(None, exc.messages[0])
            else:
                messages.success(request, "帮扶责任人已调整")
                return redirect("assistance:household_detail", assisted_id=assisted.pk)
    month = rules.Month.of(clock.today())
    this_month = next(iter(selectors.month_compliance(request.user, month, assisted_id=assisted.pk).households), None)
    return render(
        request,
        "assistance/household_detail.html",
        {
            "can_manage": manage,
            "assisted": assisted,
            "visits": visits,
            "assignments": assisted.assignments.select_related("helper").order_by("-start_date", "helper__full_name"),
            "helpers_form": helpers_form,
            "this_month": this_month,
            "month": month,
            "can_visit": may_visit,
            "measures_form": measures_form,
            "location_form": location_form,
            "problems": selectors.problem_list(request.user, assisted_id=assisted.pk)[:20],
        },
    )


def visit_new(request: HttpRequest, assisted_id: int) -> HttpResponse:
    """The visit, on the phone (开始 → checklist → 结束) or entered afterwards. The phone posts with fetch and
    an idempotency key, and keeps the form until the server has it (see visit.js)."""
    assisted = get_visible_or_404(AssistedHousehold.objects.select_related("household"), request.user, pk=assisted_id)
    today = clock.today()
    helpers = selectors.helpers_on(assisted, today)
    choices = unit_staff(assisted.unit_id).filter(pk__in=[h.pk for h in helpers] + [request.user.pk])
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    form = VisitForm(
        request.POST or None,
        request.FILES or None,
        visitor_choices=choices,
        initial={"visit_date": today, "visitors": [request.user.pk] if request.user in helpers else []},
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                visit, created = visits.visit_record(
                    actor=request.user,
                    assisted=assisted,
                    visitors=list(form.cleaned_data["visitors"]),
                    started_at=form.cleaned_data["started_at"],
                    ended_at=form.cleaned_data["ended_at"],
                    values=form.visit_values(),
                    idempotency_key=form.cleaned_data["idempotency_key"] or None,
                    source=Visit.Source.PHONE if request.POST.get("mode") == "phone" else Visit.Source.FORM,
                    start_position=form.position("start"),
                    end_position=form.position("end"),
                    photos=form.cleaned_data["photos"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                url = reverse("assistance:household_detail", args=[assisted.pk])
                if wants_json:
                    return JsonResponse({"ok": True, "created": created, "visit": visit.pk, "redirect": url})
                messages.success(request, "走访已登记" if created else "这次走访此前已提交，未重复登记")
                return redirect(url)
        if wants_json:
            errors = [str(e) for e in form.non_field_errors()] + [
                f"{form.fields[name].label}：{error}"
                for name, errs in form.errors.items()
                if name != "__all__"
                for error in errs
            ]
            return JsonResponse({"ok": False, "errors": errors}, status=400)
    return render(
        request,
        "assistance/visit_form.html",
        {
            "assisted": assisted,
            "form": form,
            "manual": is_manual(request.GET) or is_manual(request.POST),
            "checklist_fields": [{"field": form[key], "note": form[f"{key}_note"]} for key, _, _ in CHECKLIST],
            "finding_fields": [form[key] for key, _ in FINDINGS],
        },
    )


def visit_detail(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = get_visible_or_404(
        Visit.objects.select_related("assisted__household", "recorded_by").prefetch_related("helpers", "photos"),
        request.user,
        pk=visit_id,
    )
    [visit] = selectors.judged([visit], visit.unit_id)
    may_void = not visit.is_voided and (
        visit.recorded_by_id == request.user.pk or is_unit_admin_of(request.user, visit.unit_id)
    )
    checklist = [
        {"label": f"{label}（{topic}）", "result": getattr(visit, key), "note": getattr(visit, f"{key}_note")}
        for key, label, topic in CHECKLIST
    ]
    findings = [(label, getattr(visit, key)) for key, label in FINDINGS]
    return render(
        request,
        "assistance/visit_detail.html",
        {
            "visit": visit,
            "counted": visit.counted,
            "why": visit.not_counted_reason,
            "may_void": may_void,
            "checklist": checklist,
            "findings": findings,
        },
    )


def visit_void(request: HttpRequest, visit_id: int) -> HttpResponse:
    visit = get_visible_or_404(Visit.objects.select_related("assisted__household"), request.user, pk=visit_id)
    return void_page(
        request,
        title=f"作废走访记录（{visit.visit_date}）",
        done_message="走访记录已作废",
        void=lambda reason: visits.visit_void(actor=request.user, visit=visit, reason=reason),
        done_url=reverse("assistance:visit_detail", args=[visit.pk]),
    )


def photo(request: HttpRequest, photo_id: int) -> FileResponse:
    return scoped_image(request, VisitPhoto.objects.all(), photo_id)

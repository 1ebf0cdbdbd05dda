from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from taizhang.assistance import rules, selectors, services
from taizhang.assistance.authenticity import month_signals
from taizhang.assistance.exporting import compliance_file
from taizhang.assistance.forms import (
    AssistedForm,
    HelpersForm,
    LocationForm,
    MeasuresForm,
    MonthForm,
    RuleVersionForm,
    VisitForm,
    unit_staff,
)
from taizhang.assistance.models import CHECKLIST, FINDINGS, AssistedHousehold, Visit, VisitPhoto, VisitRuleVersion
from taizhang.assistance.policies import can_manage_assistance, is_unit_admin_of
from taizhang.assistance.reports import REPORTS, household_papers
from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_record
from taizhang.core import clock
from taizhang.core.http import CSV, PDF, XLSX, download, require
from taizhang.core.pages import cleaned, refusal, run_action, void_page
from taizhang.documents.pdf import render_pdf
from taizhang.org.models import OrgNode
from taizhang.org.scoping import get_visible_or_404, scoped_image
from taizhang.registry.models import Household

PAGE_SIZE = 100
DUE_SHOWN = 200


def _month_form(request) -> tuple[rules.Month, int | None]:
    form = MonthForm(request.GET)
    if form.is_valid():
        return form.cleaned_data["month"], form.cleaned_data.get("community")
    return rules.Month.of(clock.today()), None


def _querystring(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


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
    month, community_id = _month_form(request)
    report = selectors.month_compliance(request.user, month, community_id=community_id)
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
                    assisted = services.assisted_mark(
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
    page = Paginator(report.households, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "assistance/household_list.html",
        {"report": report, "month": month, "form": form, "page": page, "querystring": _querystring(request)},
    )


def household_detail(request: HttpRequest, assisted_id: int) -> HttpResponse:
    assisted = get_visible_or_404(
        AssistedHousehold.objects.select_related("household", "community"), request.user, pk=assisted_id
    )
    visits = selectors.judged(selectors.visit_list(request.user, assisted_id=assisted.pk)[:200], assisted.unit_id)
    manage = can_manage_assistance(request.user) and is_unit_admin_of(request.user, assisted.unit_id)
    may_visit = services.may_act_for(request.user, assisted)
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
                "measures": lambda: services.measures_update(
                    actor=request.user, assisted=assisted, **cleaned(measures_form)
                ),
                "location": lambda: services.location_set(
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
            initial={"on": clock.today(), "helpers": [h.pk for h in services.helpers_on(assisted, clock.today())]},
        )
        if request.method == "POST" and not request.POST.get("action") and helpers_form.is_valid():
            try:
                services.helpers_assign(
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
    helpers = services.helpers_on(assisted, today)
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
                visit, created = services.visit_record(
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
            "manual": request.GET.get("mode") == "manual" or request.POST.get("mode") == "manual",
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
        void=lambda reason: services.visit_void(actor=request.user, visit=visit, reason=reason),
        done_url=reverse("assistance:visit_detail", args=[visit.pk]),
    )


def photo(request: HttpRequest, photo_id: int) -> FileResponse:
    return scoped_image(request, VisitPhoto.objects.all(), photo_id)


def compliance(request: HttpRequest) -> HttpResponse:
    month, community_id = _month_form(request)
    report = selectors.month_compliance(request.user, month, community_id=community_id)
    fmt = request.GET.get("format")
    if fmt in ("xlsx", "csv"):
        return download(compliance_file(report, fmt), f"走访达标-{month}.{fmt}", XLSX if fmt == "xlsx" else CSV)
    communities = OrgNode.objects.visible_to(request.user).filter(kind=OrgNode.Kind.COMMUNITY).order_by("path")
    due = report.due
    return render(
        request,
        "assistance/compliance.html",
        {
            "report": report,
            "month": month,
            "community_id": community_id,
            "communities": communities,
            "previous": report.month.previous(),
            "next": report.month.next(),
            "due": due[:DUE_SHOWN],
            "due_count": len(due),
            "can_manage": can_manage_assistance(request.user),
        },
    )


def signals(request: HttpRequest) -> HttpResponse:
    require(can_manage_assistance(request.user))
    month, _ = _month_form(request)
    return render(
        request,
        "assistance/signals.html",
        {
            "month": month,
            "signals": month_signals(request.user, month),
            "previous": month.previous(),
            "next": month.next(),
        },
    )


def rule_versions(request: HttpRequest) -> HttpResponse:
    versions = VisitRuleVersion.objects.visible_to(request.user).select_related("unit", "created_by")
    form = None
    if can_manage_assistance(request.user) and request.user.unit_id:
        form = RuleVersionForm(request.POST or None, initial={"effective_from": clock.today()})
        if request.method == "POST" and form.is_valid():
            try:
                services.rule_version_create(actor=request.user, unit=request.user.unit, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc.messages[0])
            else:
                messages.success(request, "新规则已保存")
                return redirect("assistance:rules")
    return render(request, "assistance/rules.html", {"versions": versions, "form": form, "default": rules.DEFAULT_RULE})


# --- reports and the household's papers ----------------------------------------------------------


def reports(request: HttpRequest) -> HttpResponse:
    month, _ = _month_form(request)
    kind, fmt = request.GET.get("kind"), request.GET.get("format")
    if kind in REPORTS and fmt in ("pdf", "xlsx"):
        report = REPORTS[kind][1](request.user, month)
        if fmt == "xlsx":
            return download(report.xlsx(), f"{report.title}.xlsx", XLSX)
        return download(report.pdf(request.build_absolute_uri("/")), f"{report.title}.pdf", PDF)
    return render(
        request,
        "assistance/reports.html",
        {
            "month": month,
            "reports": [(k, v[0]) for k, v in REPORTS.items()],
            "can_manage": can_manage_assistance(request.user),
        },
    )


def household_paper(request: HttpRequest, assisted_id: int, paper: str) -> HttpResponse:
    """The 明白卡 (one page for the household's wall) or the 帮扶手册, printed from the data (and audited)."""
    assisted = get_visible_or_404(
        AssistedHousehold.objects.select_related("household__unit", "household__community", "household__head"),
        request.user,
        pk=assisted_id,
    )
    template, title = {
        "card": ("assistance/card_pdf.html", "明白卡"),
        "handbook": ("assistance/handbook_pdf.html", "帮扶手册"),
    }[paper]
    pdf = render_pdf(
        render_to_string(template, household_papers(request.user, assisted)), base_url=request.build_absolute_uri("/")
    )
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.PRINT,
        object_type="assistance.household",
        object_id=str(assisted.pk),
        object_repr=f"帮扶户 {assisted.household.household_no}",
        unit_id=assisted.unit_id,
        community_id=assisted.community_id,
        household_id=assisted.household_id,
        changes={"文档": [None, title]},
    )
    response = HttpResponse(pdf, content_type=PDF)
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(title)}-{assisted.household.household_no}.pdf"
    return response

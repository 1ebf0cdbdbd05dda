"""The helper's home, assisted households and their visits (帮扶户、走访)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.assistance import cards, households, rules, selectors, visits
from taizhang.assistance.forms.filters import DUE, MET, AssistedFilterForm, month_from
from taizhang.assistance.forms.households import (
    AssistedForm,
    CardSearchForm,
    HelpersForm,
    LocationForm,
    MeasuresForm,
    VisitForm,
    VisitShownForm,
    is_manual,
    unit_staff,
)
from taizhang.assistance.models import CHECKLIST, FINDINGS, AssistedHousehold, CheckResult, Visit, VisitPhoto
from taizhang.assistance.policies import can_manage_assistance, is_unit_admin_of
from taizhang.core import clock
from taizhang.core.listing import chip, list_response, paginate
from taizhang.core.pages import cleaned, refusal, run_action, void_page
from taizhang.org.scoping import get_visible_or_404, scoped_image
from taizhang.org.selectors import visible_communities
from taizhang.registry.models import Household
from taizhang.registry.selectors import household_match


def index(request: HttpRequest) -> HttpResponse:
    """The helper's phone home page: my households (most visits still due first), this month's valid visits, the days
    left, and the address and phone of each."""
    search = CardSearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    mine = cards.helper_cards(request.user, rules.Month.of(clock.today()), query=query)
    return render(
        request,
        "assistance/index.html",
        {"mine": mine, "search": search, "query": query, "can_manage": can_manage_assistance(request.user)},
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
                # The visit's page confirms what was recorded and whether it counts.
                url = reverse("assistance:visit_detail", args=[visit.pk]) + (
                    "?submitted=new" if created else "?submitted=again"
                )
                if wants_json:
                    return JsonResponse({"ok": True, "created": created, "visit": visit.pk, "redirect": url})
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
            "rule": rules.rule_on(selectors.unit_rules(assisted.unit_id), today),
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
        {
            "key": key,
            "label": f"{label}（{topic}）",
            "result": getattr(visit, key),
            "note": getattr(visit, f"{key}_note"),
        }
        for key, label, topic in CHECKLIST
    ]
    findings = [(label, getattr(visit, key)) for key, label in FINDINGS]
    shown = VisitShownForm(request.GET)
    submitted = shown.cleaned_data["submitted"] if shown.is_valid() else ""
    return render(
        request,
        "assistance/visit_detail.html",
        {
            "submitted": submitted,
            "confirmation": _confirmation(request.user, visit, checklist) if submitted else None,
            "visit": visit,
            "counted": visit.counted,
            "why": visit.not_counted_reason,
            "may_void": may_void,
            "may_register": not visit.is_voided
            and selectors.may_act_for(request.user, visit.assisted, visit.visit_date),
            "checklist": checklist,
            "findings": findings,
        },
    )


def _confirmation(user, visit: Visit, checklist: list[dict]) -> dict:
    """What the helper sees right after submitting: the checklist in numbers and the month the visit counts in."""
    month = rules.Month.of(visit.visit_date)
    household = next(iter(selectors.month_compliance(user, month, assisted_id=visit.assisted_id).households), None)
    results = [item["result"] for item in checklist]
    return {
        "month": month,
        "this_month": month == rules.Month.of(clock.today()),
        "household": household,
        "ok": results.count(CheckResult.OK),
        "problem": results.count(CheckResult.PROBLEM),
        "skipped": results.count(CheckResult.SKIPPED),
        "photos": len(visit.photos.all()),
    }


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

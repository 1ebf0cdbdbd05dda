from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.audit.models import AuditEntry
from taizhang.audit.selectors import household_timeline
from taizhang.audit.services import audit_record
from taizhang.core.forms import ReasonForm
from taizhang.core.http import CSV, PDF, XLSX, download, require
from taizhang.core.listing import list_response, paginate
from taizhang.core.models import RecordStatus
from taizhang.org.models import OrgNode
from taizhang.org.modules import record_sections
from taizhang.org.personal import MASKED, disclosure
from taizhang.org.policies import can_edit_registry, can_see_full_identity
from taizhang.org.scoping import get_visible_or_404
from taizhang.registry import services
from taizhang.registry.exporting import household_export
from taizhang.registry.forms import ExportForm, HouseholdFilterForm, HouseholdForm, PersonForm, SearchForm
from taizhang.registry.models import RELATIONS, Household, Person
from taizhang.registry.printing import household_members
from taizhang.registry.printing import household_pdf as household_pdf_bytes
from taizhang.registry.selectors import household_list, person_search


def household_index(request: HttpRequest) -> HttpResponse:
    form = HouseholdFilterForm(request.GET, user=request.user)
    filters = form.filters()
    status = filters["status"] or RecordStatus.ACTIVE
    households = household_list(
        request.user,
        unit_id=filters["unit"],
        community_id=filters.get("community"),
        tag=filters["tag"],
        status="" if status == "all" else status,
        query=filters["q"],
    ).order_by("household_no")
    nodes = OrgNode.objects.visible_to(request.user).filter(id__in=[filters["unit"], filters.get("community")])
    context = {
        "page": paginate(request, households),
        "filter_form": form,
        "chosen": {n.kind: n for n in nodes},
        "can_edit": can_edit_registry(request.user),
    }
    return list_response(request, "registry/household_list.html", "registry/_household_rows.html", context)


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    persons = list(person_search(request.user, query)) if query else []
    context = {"query": query, "persons": persons}
    template = "registry/_search_results.html" if request.htmx else "registry/search.html"
    return render(request, template, context)


def _household_context(request, household: Household) -> dict:
    return {
        "household": household,
        "members": household_members(household),
        "timeline": household_timeline(request.user, household),
        "sections": record_sections("household", household, request.user),
        "can_edit": can_edit_registry(request.user) and not household.is_voided,
        "can_restore": can_edit_registry(request.user) and household.is_voided,
    }


def _get_household(request, household_id: int) -> Household:
    return get_visible_or_404(
        Household.objects.select_related("unit", "community", "head"), request.user, pk=household_id
    )


def household_detail(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _get_household(request, household_id)
    return render(request, "registry/household_detail.html", _household_context(request, household))


def household_pdf(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _get_household(request, household_id)
    pdf = household_pdf_bytes(request.user, household, base_url=request.build_absolute_uri("/"))
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.PRINT,
        object_type="registry.household",
        object_id=str(household.pk),
        object_repr=f"户 {household.household_no}",
        unit_id=household.unit_id,
        community_id=household.community_id,
        household_id=household.pk,
        changes={"文档": [None, "一户一档 PDF"]},
    )
    response = HttpResponse(pdf, content_type=PDF)
    response["Content-Disposition"] = f'inline; filename="household-{household.household_no}.pdf"'
    return response


def _form_unit(request) -> OrgNode:
    if request.user.unit_id:
        return request.user.unit
    unit_id = request.GET.get("unit") or request.POST.get("unit")
    return get_visible_or_404(OrgNode.objects.filter(kind=OrgNode.Kind.UNIT), request.user, pk=unit_id or 0)


def household_create(request: HttpRequest) -> HttpResponse:
    require(can_edit_registry(request.user))
    unit = _form_unit(request)
    form = HouseholdForm(request.POST or None, unit=unit, personal=disclosure(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            household = services.household_create(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已新建户 {household.household_no}，请添加户主和成员。")
            return redirect("registry:person_add", household_id=household.pk)
    return render(request, "registry/household_form.html", {"form": form, "unit": unit})


def household_edit(request: HttpRequest, household_id: int) -> HttpResponse:
    require(can_edit_registry(request.user))
    household = _get_household(request, household_id)
    form = HouseholdForm(
        request.POST or None, instance=household, unit=household.unit, personal=disclosure(request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.household_update(actor=request.user, household=household, **form.cleaned_data)
        messages.success(request, "已保存。")
        return redirect("registry:household_detail", household_id=household.pk)
    return render(
        request, "registry/household_form.html", {"form": form, "unit": household.unit, "household": household}
    )


def _reason_action(request, obj, action, template_title: str, back: str, **back_kwargs):
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action(actor=request.user, reason=form.cleaned_data["reason"], **obj)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已{template_title}。")
            return redirect(back, **back_kwargs)
    return render(
        request, "core/reason_form.html", {"form": form, "title": template_title, "target": next(iter(obj.values()))}
    )


def household_void(request: HttpRequest, household_id: int) -> HttpResponse:
    require(can_edit_registry(request.user))
    household = _get_household(request, household_id)
    return _reason_action(
        request,
        {"household": household},
        services.household_void,
        "作废该户",
        "registry:household_detail",
        household_id=household.pk,
    )


def household_restore(request: HttpRequest, household_id: int) -> HttpResponse:
    require(can_edit_registry(request.user))
    household = _get_household(request, household_id)
    return _reason_action(
        request,
        {"household": household},
        services.household_restore,
        "恢复该户",
        "registry:household_detail",
        household_id=household.pk,
    )


def person_add(request: HttpRequest, household_id: int) -> HttpResponse:
    require(can_edit_registry(request.user))
    household = _get_household(request, household_id)
    form = PersonForm(
        request.POST or None,
        initial={"relation": "" if household.head_id else "户主"},
        personal=disclosure(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.person_add(actor=request.user, household=household, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已添加 {form.cleaned_data['name']}。")
            return redirect("registry:household_detail", household_id=household.pk)
    return render(request, "registry/person_form.html", {"form": form, "household": household, "relations": RELATIONS})


def _get_person(request, person_id: int) -> Person:
    return get_visible_or_404(Person.objects.select_related("household", "unit"), request.user, pk=person_id)


def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    require(can_edit_registry(request.user))
    person = _get_person(request, person_id)
    form = PersonForm(request.POST or None, instance=person, personal=disclosure(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("registry:household_detail", household_id=person.household_id)
    return render(
        request,
        "registry/person_form.html",
        {"form": form, "household": person.household, "person": person, "relations": RELATIONS},
    )


def person_void(request: HttpRequest, person_id: int) -> HttpResponse:
    require(can_edit_registry(request.user))
    person = _get_person(request, person_id)
    return _reason_action(
        request,
        {"person": person},
        services.person_void,
        f"作废人员 {person.name}",
        "registry:household_detail",
        household_id=person.household_id,
    )


# --- import / export ----------------------------------------------------------------------


def export(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.POST or None, user=request.user)
    full_allowed = can_see_full_identity(request.user)
    if not full_allowed:
        form.fields.pop("full_identity")
    if request.method == "POST" and form.is_valid():
        unit = form.chosen_unit()
        community = form.cleaned_data.get("community")
        if community is not None and community.unit_id != unit.pk:
            form.add_error("community", "该村居不属于所选单位")
        else:
            fmt = form.cleaned_data["format"]
            filename, content, _ = household_export(
                actor=request.user,
                unit=unit,
                community=community,
                fmt=fmt,
                personal=disclosure(request.user) if form.cleaned_data.get("full_identity") else MASKED,
            )
            return download(content, filename, XLSX if fmt == "xlsx" else CSV)
    return render(request, "registry/export.html", {"form": form, "full_allowed": full_allowed})

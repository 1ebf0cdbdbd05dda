"""The exhibition-sale on the staff side: an event's vendors (phones masked for who need not call them), a vendor's
page (certificate, review, stall), rejection and release confirmed with their reason, the stall plan as a grid with
its bulk layout, a stall's page (give it to an approved vendor) and the stall list in Excel."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_record
from taizhang.core.http import XLSX, download, require
from taizhang.core.listing import list_response, paginate
from taizhang.core.pages import cleaned, refusal, run_action, void_page
from taizhang.core.rules import mask_phone
from taizhang.documents.tabular import write_xlsx
from taizhang.events import policies, selectors, selectors_vendors, vendors
from taizhang.events.forms_vendors import (
    AllocateForm,
    ChooseVendorForm,
    RejectForm,
    ReviewNoteForm,
    SalesCorrectionForm,
    StallBulkForm,
    VendorFilterForm,
)
from taizhang.events.rules import vendors as rules

STALL_COLUMNS = ["摊位号", "区域", "摊主", "村居", "产品", "状态", "销售额（元）"]


def _plan(request: HttpRequest, unit_id: int) -> None:
    require(policies.can_plan(request.user, unit_id), "只有本单位的活动负责人可以审核摊主、安排摊位")


def vendor_list(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    form = VendorFilterForm(request.GET)
    filters = form.filters()
    page = paginate(request, selectors_vendors.vendor_list(event, q=filters["q"], state=filters["state"]))
    whole = policies.reads_phones(request.user, event)
    for vendor in page:
        vendor.phone_shown = vendor.phone if whole else mask_phone(vendor.phone)
    context = {
        "event": event,
        "filter_form": form,
        "page": page,
        "plans": policies.can_plan(request.user, event.unit_id),
    }
    return list_response(request, "events/vendors_list.html", "events/vendors_rows.html", context)


def vendor_detail(request: HttpRequest, vendor_id: int) -> HttpResponse:
    vendor = selectors_vendors.vendor_or_404(request.user, vendor_id)
    event = vendor.event
    plans = policies.can_plan(request.user, event.unit_id)
    free = selectors_vendors.free_stalls(event)
    moving = vendor.stall_id is not None
    allocate_form = AllocateForm(stalls=free, moving=moving)
    if request.method == "POST":
        _plan(request, event.unit_id)
        allocate_form = AllocateForm(request.POST, stalls=free, moving=moving)

        def approve():
            note = ReviewNoteForm(request.POST)
            note.is_valid()
            vendors.vendor_approve(actor=request.user, vendor=vendor, note=note.cleaned_data.get("note", ""))
            return f"已通过 {vendor.holder} 的申请，请为其分配摊位。"

        def allocate():
            if not allocate_form.is_valid():
                raise ValidationError("请选择一个空闲摊位")
            data = allocate_form.cleaned_data
            vendors.vendor_allocate(
                actor=request.user, vendor=vendor, stall=data["stall"], reason=data.get("reason", "")
            )
            return f"已将 {data['stall'].number} 号摊位分配给 {vendor.holder}，待摊主确认。"

        def correct_sales():
            form = SalesCorrectionForm(request.POST)
            data = cleaned(form)
            vendors.vendor_correct_sales(actor=request.user, vendor=vendor, sales=data["sales"], reason=data["reason"])
            return f"已更正 {vendor.holder} 的销售额。"

        handlers = {"approve": approve, "allocate": allocate, "correct_sales": correct_sales}
        done = run_action(request, handlers, request.path)
        if done:
            return done
    context = {
        "event": event,
        "vendor": vendor,
        "phone": vendor.phone if policies.reads_phones(request.user, event) else mask_phone(vendor.phone),
        "plans": plans,
        "steps": rules.steps_from(vendor.state),
        "allocate_form": allocate_form,
        "note_form": ReviewNoteForm(),
        "sales_form": SalesCorrectionForm(initial={"sales": vendor.sales}),
        "history": AuditEntry.objects.filter(object_type="events.vendor", object_id=str(vendor.pk)).order_by("-pk")[
            :20
        ],
    }
    return render(request, "events/vendors_detail.html", context)


def vendor_reject(request: HttpRequest, vendor_id: int) -> HttpResponse:
    vendor = selectors_vendors.vendor_or_404(request.user, vendor_id)
    _plan(request, vendor.unit_id)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vendors.vendor_reject(actor=request.user, vendor=vendor, note=form.cleaned_data["note"])
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(
                request, f"已不予通过 {vendor.holder} 的申请；如需撤回这个决定，可在摊主页面说明原因撤回。"
            )
            return redirect("events:vendor", vendor.pk)
    context = {
        "title": f"不予通过：{vendor.holder}（{vendor.produce}）",
        "explain": "摊主会在自己的页面上看到这个决定和原因。决定可以撤回（需说明原因）。",
        "rows": [f"申请时间：{vendor.submitted_at:%Y-%m-%d %H:%M}", f"村居/合作社：{vendor.village or '—'}"],
        "form": form,
        "danger": True,
    }
    return render(request, "confirm.html", context)


def vendor_reopen(request: HttpRequest, vendor_id: int) -> HttpResponse:
    vendor = selectors_vendors.vendor_or_404(request.user, vendor_id)
    _plan(request, vendor.unit_id)
    return void_page(
        request,
        title=f"撤回不予通过的决定：{vendor.holder}",
        void=lambda reason: vendors.vendor_reopen(actor=request.user, vendor=vendor, reason=reason),
        done_message="已撤回，申请重新等待审核。",
        done_url=reverse("events:vendor", args=[vendor.pk]),
        template="confirm.html",
    )


def vendor_release(request: HttpRequest, vendor_id: int) -> HttpResponse:
    vendor = selectors_vendors.vendor_or_404(request.user, vendor_id)
    _plan(request, vendor.unit_id)
    return void_page(
        request,
        title=f"收回摊位：{vendor.stall or '—'}（{vendor.holder}）",
        void=lambda reason: vendors.vendor_release(actor=request.user, vendor=vendor, reason=reason),
        done_message="已收回摊位，摊主仍为已通过，可重新分配。",
        done_url=reverse("events:vendor", args=[vendor.pk]),
        template="confirm.html",
        context={"danger": True},
    )


def vendor_certificate(request: HttpRequest, vendor_id: int) -> FileResponse:
    vendor = selectors_vendors.vendor_or_404(request.user, vendor_id)
    if not vendor.certificate:
        raise Http404("这位摊主没有上传证明")
    name = f"{vendor.holder}-食品安全证明{vendor.certificate.name[vendor.certificate.name.rfind('.') :]}"
    response = FileResponse(vendor.certificate.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def stall_plan(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    plans = policies.can_plan(request.user, event.unit_id)
    form = StallBulkForm(request.POST or None)
    if request.method == "POST":
        _plan(request, event.unit_id)
        if form.is_valid():
            try:
                made = vendors.stalls_create(actor=request.user, event=event, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, f"已新增 {len(made)} 个摊位：{made[0].number} … {made[-1].number}。")
                return redirect("events:stall_plan", event.pk)
    context = {
        "event": event,
        "plan": selectors_vendors.stall_plan(event),
        "form": form,
        "plans": plans,
        "labels": rules.PLAN_LABELS,
    }
    return render(request, "events/vendors_plan.html", context)


def stall_detail(request: HttpRequest, stall_id: int) -> HttpResponse:
    stall = selectors_vendors.stall_or_404(request.user, stall_id)
    vendor = getattr(stall, "vendor", None)
    form = ChooseVendorForm(request.POST or None, vendors=selectors_vendors.approved_waiting(stall.event))
    if request.method == "POST":
        _plan(request, stall.unit_id)
        if form.is_valid():
            try:
                vendors.vendor_allocate(actor=request.user, vendor=form.cleaned_data["vendor"], stall=stall)
            except ValidationError as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, f"已将 {stall.number} 号摊位分配给 {form.cleaned_data['vendor'].holder}。")
                return redirect("events:stall_plan", stall.event_id)
    context = {
        "event": stall.event,
        "stall": stall,
        "vendor": vendor,
        "form": form,
        "plans": policies.can_plan(request.user, stall.unit_id),
    }
    return render(request, "events/vendors_stall.html", context)


def stalls_export(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    rows = selectors_vendors.stall_rows(event)
    stream = io.BytesIO()
    write_xlsx(stream, STALL_COLUMNS, rows, sheet_title="摊位", title=f"{event.name} 展销摊位表")
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        object_type="events.stall",
        object_repr=f"{event.name} 展销摊位表",
        unit_id=event.unit_id,
        changes={"摊位数": [None, len(rows)]},
    )
    return download(stream.getvalue(), f"{event.name}-展销摊位表.xlsx", XLSX)

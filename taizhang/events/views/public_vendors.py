"""The vendors' public pages (no login): the application form of a published event with an exhibition-sale, and a
vendor's private page through the link they keep (state, stall on the plan, confirm, withdraw, report sales)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.core.pages import refusal
from taizhang.events import selectors, selectors_vendors, vendors
from taizhang.events.forms_vendors import SalesForm, VendorApplyForm, WithdrawForm
from taizhang.events.public_forms import limit_public_posts, log_bot
from taizhang.events.rules import codes
from taizhang.events.rules import vendors as rules
from taizhang.events.views.private import private


@limit_public_posts
def vendor_apply(request: HttpRequest, public_key: str) -> HttpResponse:
    event = selectors.published_or_404(public_key)
    if not vendors.has_exhibition(event):
        raise Http404("这个活动没有展销")
    form = VendorApplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_bot:
            log_bot(request, "vendor_apply")
            return private(render(request, "events/public/vendors_thanks.html", {"event": event}))
        if form.is_valid():
            try:
                vendor = vendors.vendor_apply(event=event, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, refusal(exc))
            else:
                link = request.build_absolute_uri(f"/public/events/vendor/{vendor.token}/")
                context = {"event": event, "vendor": vendor, "link": link}
                return private(render(request, "events/public/vendors_thanks.html", context))
    return private(render(request, "events/public/vendors_apply.html", {"event": event, "form": form}), has_form=True)


@limit_public_posts
def vendor_page(request: HttpRequest, vendor_token: str) -> HttpResponse:
    vendor = selectors_vendors.vendor_by_token_or_404(vendor_token)
    sales_form = SalesForm(request.POST or None) if request.POST.get("action") == "sales" else SalesForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "confirm":
                vendors.vendor_confirm(vendor=vendor)
                messages.success(request, f"已确认 {vendor.stall} 号摊位，活动当天凭签到码入场。")
            elif request.POST.get("action") == "sales" and sales_form.is_valid():
                vendors.vendor_report_sales(vendor=vendor, sales=sales_form.cleaned_data["sales"])
                messages.success(request, "已填报销售额，谢谢！")
            else:
                raise ValidationError("请检查填写的内容")
        except ValidationError as exc:
            messages.error(request, refusal(exc))
        else:
            return redirect("events_public:vendor_page", vendor_token)
    area = None
    if vendor.stall_id:
        area = next(
            (a for a in selectors_vendors.stall_plan(vendor.event) if a.rows and _has(a, vendor.stall_id)), None
        )
    context = {
        "vendor": vendor,
        "event": vendor.event,
        "code": codes.shown(vendor.code),
        "area": area,
        "holds_stall": vendor.state in rules.HOLDS_STALL,
        "may_withdraw": "withdraw" in rules.steps_from(vendor.state) and not vendor.event.finished,
        "may_report": vendors.may_report_sales(vendor),
        "sales_form": sales_form,
    }
    return private(render(request, "events/public/vendors_private.html", context), has_form=True)


def _has(area, stall_id: int) -> bool:
    return any(cell and cell.stall.pk == stall_id for row in area.rows for cell in row)


@limit_public_posts
def vendor_withdraw(request: HttpRequest, vendor_token: str) -> HttpResponse:
    vendor = selectors_vendors.vendor_by_token_or_404(vendor_token)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            vendors.vendor_withdraw(vendor=vendor, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "已撤回申请。")
            return redirect("events_public:vendor_page", vendor_token)
    context = {
        "title": f"撤回摊主申请：{vendor.event.name}",
        "explain": "撤回后摊位将分给其他摊主，不能恢复；如需参加请重新申请。",
        "form": form,
        "danger": True,
    }
    return private(render(request, "confirm.html", context), has_form=True)

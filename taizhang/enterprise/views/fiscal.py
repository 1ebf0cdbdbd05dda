"""The zone's books: revenue by year and source (entry and its sources), the 增量分享 with the district (the years'
table, chart and Excel), and infrastructure spending the district bears."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_record
from taizhang.core.http import XLSX, download, require
from taizhang.core.listing import list_response, paginate
from taizhang.core.pages import refusal, void_page
from taizhang.documents.tabular import write_xlsx
from taizhang.enterprise import fiscal, policies
from taizhang.enterprise import selectors_fiscal as selectors
from taizhang.enterprise.forms_fiscal import InfraFilterForm, InfraForm, RevenueForm, SharingRuleForm, SourceForm

SHARING_COLUMNS = ["年度", "规则起始年度", "计入收入（万元）", "基数（万元）", "增量（万元）", "开发区分成比例（%）",
                   "开发区留成（万元）", "区财政分享（万元）", "短收（万元）"]  # fmt: skip


def worker_unit(request) -> int:
    require(policies.can_work(request.user) and bool(request.user.unit_id), "只有开发区的工作人员可以登记")
    return request.user.unit_id


def _configurer(request) -> int:
    require(policies.can_configure(request.user) and bool(request.user.unit_id), "只有单位管理员可以设定")
    return request.user.unit_id


def saved_or_none(request, form, write, message: str, done: str):
    """Run the service; its refusal goes on the form, success redirects to `done`."""
    try:
        write()
    except (ValidationError, PermissionDenied) as exc:
        form.add_error(None, refusal(exc))
        return None
    messages.success(request, message)
    return redirect(done)


def form_page(request, form, title: str, back: str, explain: str = "") -> HttpResponse:
    context = {"form": form, "title": title, "back": back, "explain": explain}
    return render(request, "enterprise/fiscal_form.html", context)


def record_void_page(request, record, *, title: str, void, done_url: str) -> HttpResponse:
    """The reason form that voids one of the unit's records (never deleted)."""
    require(policies.can_work(request.user, record.unit_id), "只有开发区的工作人员可以作废")
    return void_page(request, title=title, void=void, done_message="已作废。", done_url=done_url)


def entry_page(request, form, *, write, message: str, title: str, back: str, explain: str = "") -> HttpResponse:
    """A page that records one thing: `write(cleaned_data)` on a valid POST, then back to the list `back`."""
    if request.method == "POST" and form.is_valid():
        saved = saved_or_none(request, form, lambda: write(form.cleaned_data), message, back)
        if saved:
            return saved
    return form_page(request, form, title, back, explain)


# --- revenue ----------------------------------------------------------------------------------------------------


def revenue(request: HttpRequest) -> HttpResponse:
    user = request.user
    unit, units = selectors.fiscal_unit(user, request.GET.get("unit"))
    table = selectors.revenue_table(unit.pk) if unit else None
    works = unit is not None and policies.can_work(user, unit.pk) and user.unit_id == unit.pk
    year = request.GET.get("year")
    records = selectors.revenue_records(unit.pk, int(year)) if unit and year and year.isdigit() else None
    context = {"unit": unit, "units": units, "table": table, "works": works, "records": records, "year": year}
    context["configures"] = works and policies.can_configure(user, unit.pk)
    return render(request, "enterprise/fiscal_revenue.html", context)


def revenue_new(request: HttpRequest) -> HttpResponse:
    unit_id = worker_unit(request)
    return entry_page(
        request,
        RevenueForm(request.POST or None, sources=selectors.sources(unit_id)),
        write=lambda data: fiscal.revenue_set(actor=request.user, unit_id=unit_id, **data),
        message="已登记收入。",
        title="录入财政收入",
        back="enterprise:fiscal_revenue",
    )


def revenue_void(request: HttpRequest, revenue_id: int) -> HttpResponse:
    found = selectors.revenue_or_404(request.user, revenue_id)
    return record_void_page(
        request,
        found,
        title=f"作废收入：{found.year} 年 {found.source.name} {found.amount} 万元",
        void=lambda reason: fiscal.revenue_void(actor=request.user, revenue=found, reason=reason),
        done_url=f"/enterprise/fiscal/revenue/?year={found.year}",
    )


def source_new(request: HttpRequest) -> HttpResponse:
    unit_id = _configurer(request)
    return entry_page(
        request,
        SourceForm(request.POST or None),
        write=lambda data: fiscal.source_create(actor=request.user, unit_id=unit_id, **data),
        message="已添加收入来源。",
        title="添加收入来源",
        back="enterprise:fiscal_revenue",
    )


# --- sharing ----------------------------------------------------------------------------------------------------


def _chart(years) -> dict:
    shown = [y for y in years if y.split is not None]
    return {
        "years": [y.year for y in shown],
        "revenue": [float(y.split.revenue) for y in shown],
        "base": [float(y.split.base) for y in shown],
        "zone": [float(y.split.zone) for y in shown],
        "district": [float(y.split.district) for y in shown],
    }


def sharing(request: HttpRequest) -> HttpResponse:
    user = request.user
    unit, units = selectors.fiscal_unit(user, request.GET.get("unit"))
    years = selectors.sharing_years(unit.pk) if unit else []
    if request.GET.get("format") == "xlsx" and unit is not None:
        return _sharing_xlsx(request, unit, years)
    context = {
        "unit": unit,
        "units": units,
        "years": years,
        "rules": selectors.rules(unit.pk) if unit else [],
        "chart": _chart(years),
        "configures": unit is not None and policies.can_configure(user, unit.pk) and user.unit_id == unit.pk,
    }
    return render(request, "enterprise/fiscal_sharing.html", context)


def _sharing_xlsx(request, unit, years) -> HttpResponse:
    rows = [
        [y.year, y.rule.effective_year]
        + (
            [
                y.split.revenue,
                y.split.base,
                y.split.increment,
                y.rule.zone_share,
                y.split.zone,
                y.split.district,
                y.split.shortfall,
            ]  # fmt: skip
            if y.split
            else [None, None, None, y.rule.zone_share, None, None, None]
        )
        for y in years
    ]
    stream = io.BytesIO()
    write_xlsx(stream, SHARING_COLUMNS, rows, sheet_title="增量分享", title=f"{unit.name} 财政收入增量分享测算表")
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        object_type="enterprise.sharing_rule",
        object_repr=f"{unit.name} 增量分享测算表",
        unit_id=unit.pk,
        changes={"年度数": [None, len(rows)]},
    )
    return download(stream.getvalue(), f"{unit.name}-增量分享测算表.xlsx", XLSX)


def rule_new(request: HttpRequest) -> HttpResponse:
    unit_id = _configurer(request)
    return entry_page(
        request,
        SharingRuleForm(request.POST or None, sources=selectors.sources(unit_id)),
        write=lambda data: fiscal.sharing_rule_save(
            actor=request.user, unit_id=unit_id, **{**data, "sources": list(data["sources"])}
        ),
        message="已保存增量分享规则。",
        title="设定增量分享规则",
        back="enterprise:fiscal_sharing",
        explain="规则自起始年度起适用，直到更晚起始年度的规则；同一起始年度再次保存即修改该规则。"
        "收入低于基数的年度不分享，短收单独列示。",
    )


# --- infrastructure ---------------------------------------------------------------------------------------------


def infra_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = InfraFilterForm(request.GET, years=selectors.infra_years(user))
    filters = form.filters()
    found = selectors.infra_list(user, q=filters["q"], year=filters["year"])
    context = {
        "filter_form": form,
        "page": paginate(request, found),
        "total": selectors.infra_total(found),
        "works": policies.can_work(user) and bool(user.unit_id),
    }
    return list_response(request, "enterprise/fiscal_infra_list.html", "enterprise/fiscal_infra_rows.html", context)


def infra_new(request: HttpRequest) -> HttpResponse:
    unit_id = worker_unit(request)
    return entry_page(
        request,
        InfraForm(request.POST or None),
        write=lambda data: fiscal.infra_create(actor=request.user, unit_id=unit_id, **data),
        message="已登记区级承担的基础设施支出。",
        title="登记区级承担的基础设施支出",
        back="enterprise:fiscal_infra_list",
    )


def infra_void(request: HttpRequest, spending_id: int) -> HttpResponse:
    found = selectors.infra_or_404(request.user, spending_id)
    return record_void_page(
        request,
        found,
        title=f"作废支出：{found.year} 年 {found.project} {found.amount} 万元",
        void=lambda reason: fiscal.infra_void(actor=request.user, spending=found, reason=reason),
        done_url="/enterprise/fiscal/infrastructure/",
    )

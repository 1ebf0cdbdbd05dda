"""The event's budget sheet: its lines with budgeted, spent and remaining (over-budget lines in red), the spending
records (added, voided with a reason), and the sheet in Excel."""

from __future__ import annotations

import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from taizhang.audit.models import AuditEntry
from taizhang.core import clock
from taizhang.core.http import XLSX, download
from taizhang.core.listing import paginate
from taizhang.core.pages import void_page
from taizhang.documents.tabular import write_xlsx
from taizhang.events import plan_budget, policies, selectors
from taizhang.events import selectors_plan as reads
from taizhang.events.auditing import audit
from taizhang.events.forms_plan import BudgetLineForm, SpendingForm
from taizhang.events.views.plan import entry_page, planner


def budget(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    rows, totals = reads.budget(event)
    line = request.GET.get("line")
    spendings = paginate(request, reads.spendings(event, line=int(line) if line and line.isdigit() else None))
    context = {
        "event": event,
        "rows": rows,
        "totals": totals,
        "spendings": spendings,
        "page": spendings,
        "plans": policies.can_plan(request.user, event.unit_id),
    }
    return render(request, "events/plan_budget.html", context)


def budget_xlsx(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    table = reads.budget_table(event)
    stream = io.BytesIO()
    write_xlsx(
        stream,
        reads.BUDGET_COLUMNS,
        table,
        sheet_title="预算执行",
        title=f"{event.name} 预算执行表（{clock.today():%Y-%m-%d}）",
    )
    audit(
        event,
        "event",
        AuditEntry.Action.EXPORT,
        actor=request.user,
        new={"预算科目数": len(table) - 1},
        label=f"{event.name} 预算执行表",
    )
    return download(stream.getvalue(), f"{event.name}-预算执行表.xlsx", XLSX)


def line_create(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    planner(request, event.unit_id)
    return entry_page(
        request,
        BudgetLineForm(request.POST or None),
        write=lambda data: plan_budget.line_create(actor=request.user, event=event, **data),
        message="已添加预算科目。",
        title=f"添加预算科目：{event.name}",
        back=reverse("events:budget", args=[event.pk]),
    )


def line_edit(request: HttpRequest, budget_line_id: int) -> HttpResponse:
    line = reads.line_or_404(request.user, budget_line_id)
    planner(request, line.unit_id)
    initial = {"item": line.item, "budgeted": line.budgeted, "note": line.note}
    return entry_page(
        request,
        BudgetLineForm(request.POST or None, initial=initial),
        write=lambda data: plan_budget.line_update(actor=request.user, line=line, **data),
        message="已保存预算科目。",
        title=f"修改预算科目：{line.item}",
        back=reverse("events:budget", args=[line.event_id]),
    )


def spending_create(request: HttpRequest, budget_line_id: int) -> HttpResponse:
    line = reads.line_or_404(request.user, budget_line_id)
    planner(request, line.unit_id)
    return entry_page(
        request,
        SpendingForm(request.POST or None, initial={"spent_on": clock.today()}),
        write=lambda data: plan_budget.spending_create(actor=request.user, line=line, **data),
        message="已登记支出。",
        title=f"登记支出：{line.event.name} · {line.item}",
        back=reverse("events:budget", args=[line.event_id]),
    )


def spending_void(request: HttpRequest, event_spending_id: int) -> HttpResponse:
    spending = reads.spending_or_404(request.user, event_spending_id)
    planner(request, spending.unit_id)
    return void_page(
        request,
        title=f"作废支出：{spending.line.item} · {spending.payee} {spending.amount} 元",
        void=lambda reason: plan_budget.spending_void(actor=request.user, spending=spending, reason=reason),
        done_message="已作废这笔支出。",
        done_url=reverse("events:budget", args=[spending.event_id]),
    )

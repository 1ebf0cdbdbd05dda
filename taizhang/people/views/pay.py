"""优绩优酬 pages: the cycles' pay sheets, one sheet (preview, pool and coefficients, confirm, withdraw, Excel),
a person's statement PDF and the share of performance pay per department year by year."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from taizhang.core.forms import download_format
from taizhang.core.http import PDF, XLSX, download, require
from taizhang.core.listing import paginate
from taizhang.core.pages import refusal, void_page
from taizhang.documents.pdf import render_pdf
from taizhang.people import pay, policies, selectors, selectors_pay
from taizhang.people.forms.pay import SheetForm, department_filter
from taizhang.people.models import Cycle, PaySheet
from taizhang.people.pay_export import sheet_xlsx
from taizhang.people.rules.pay import GRADE_LABELS


def pay_index(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {"everyone": policies.reads_everyone(user), "mine": selectors_pay.my_lines(user)[:12]}
    if context["everyone"]:
        cycles = selectors.cycles(user).filter(status=Cycle.Status.LOCKED)
        context["page"] = paginate(request, cycles)
        in_force = PaySheet.objects.filter(cycle__in=list(context["page"])).exclude(status=PaySheet.Status.WITHDRAWN)
        sheets = {sheet.cycle_id: sheet for sheet in in_force}
        context["rows"] = [(cycle, sheets.get(cycle.pk)) for cycle in context["page"]]
    return render(request, "people/pay_index.html", context)


def _sheet_context(request, cycle, sheet):
    form = department_filter(request.GET, selectors.departments(request.user))
    filters = form.filters()
    rows = selectors_pay.lines(request.user, sheet, department=filters["group"], q=filters["q"])
    totals = rows.aggregate(count=Count("id"), base=Sum("base"), amount=Sum("amount"))
    return {"cycle": cycle, "sheet": sheet, "filter_form": form, "rows": rows, "totals": totals}


def pay_sheet(request: HttpRequest, locked_cycle_id: int) -> HttpResponse:
    cycle = selectors_pay.cycle_or_404(request.user, locked_cycle_id)
    require(policies.reads_everyone(request.user), "只有考核委员会、单位管理员和上级部门可以查看绩效薪酬发放表")
    manages = policies.can_manage(request.user, cycle.unit_id)
    sheet = selectors_pay.sheet_in_force(cycle)
    form = None
    if request.method == "POST":
        require(manages)
        try:
            if request.POST.get("action") == "prepare":
                pay.sheet_prepare(actor=request.user, cycle=cycle)
                messages.success(request, "已按考核结果编制发放表草稿")
                return redirect("people:pay_sheet", cycle.pk)
            form = SheetForm(request.POST)
            if form.is_valid() and sheet is not None:
                pay.sheet_update(
                    actor=request.user, sheet=sheet, pool=form.cleaned_data["pool"], coefficients=form.coefficients()
                )
                messages.success(request, "已重新计算发放表")
                return redirect("people:pay_sheet", cycle.pk)
        except (ValidationError, PermissionDenied) as exc:
            if form is None:
                messages.error(request, refusal(exc))
                return redirect("people:pay_sheet", cycle.pk)
            form.add_error(None, refusal(exc))
    withdrawn = PaySheet.objects.filter(cycle=cycle, status=PaySheet.Status.WITHDRAWN).select_related("withdrawn_by")
    context = {"cycle": cycle, "sheet": sheet, "manages": manages, "withdrawn": withdrawn}
    if sheet is not None:
        context.update(_sheet_context(request, cycle, sheet))
        if download_format(request.GET, "xlsx"):
            return _xlsx(cycle, sheet, context["rows"])
        context["page"] = paginate(request, context["rows"])
        initial = {"pool": sheet.pool_set if sheet.pool_set is not None else "", **sheet.coefficients}
        context["form"] = form or SheetForm(initial=initial)
        context["coefficients"] = [(GRADE_LABELS[g], v) for g, v in sheet.coefficients.items()]
    return render(request, "people/pay_sheet.html", context)


def _xlsx(cycle, sheet, rows) -> HttpResponse:
    content = sheet_xlsx(cycle, rows, status=sheet.get_status_display())
    return download(content, f"{cycle.unit.name}-{cycle.code}-绩效薪酬发放表.xlsx", XLSX)


def pay_confirm(request: HttpRequest, locked_cycle_id: int) -> HttpResponse:
    cycle = selectors_pay.cycle_or_404(request.user, locked_cycle_id)
    require(policies.can_manage(request.user, cycle.unit_id))
    sheet = selectors_pay.sheet_in_force(cycle)
    if sheet is None or sheet.status != sheet.Status.DRAFT:
        messages.error(request, "没有待确认的发放表草稿")
        return redirect("people:pay_sheet", cycle.pk)
    if request.method == "POST":
        try:
            pay.sheet_confirm(actor=request.user, sheet=sheet)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, f"{cycle.code} 绩效薪酬发放表已确认")
        return redirect("people:pay_sheet", cycle.pk)
    totals = sheet.lines.aggregate(count=Count("id"), amount=Sum("amount"))
    by_grade = sheet.lines.values("grade").annotate(count=Count("id"), amount=Sum("amount")).order_by("-amount")
    context = {
        "cycle": cycle,
        "sheet": sheet,
        "totals": totals,
        "by_grade": [(GRADE_LABELS.get(r["grade"], r["grade"]), r["count"], r["amount"]) for r in by_grade],
    }
    return render(request, "people/pay_confirm.html", context)


def pay_withdraw(request: HttpRequest, sheet_id: int) -> HttpResponse:
    sheet = selectors_pay.sheet_or_404(request.user, sheet_id)
    require(policies.can_manage(request.user, sheet.unit_id))
    return void_page(
        request,
        title=f"撤回 {sheet}",
        void=lambda reason: pay.sheet_withdraw(actor=request.user, sheet=sheet, reason=reason),
        done_message="发放表已撤回，可重新编制",
        done_url=reverse("people:pay_sheet", args=[sheet.cycle_id]),
    )


def pay_statement(request: HttpRequest, pay_line_id: int) -> HttpResponse:
    line = selectors_pay.line_or_404(request.user, pay_line_id)
    cycle = line.sheet.cycle
    context = {
        "line": line,
        "cycle": cycle,
        "sheet": line.sheet,
        "grade": GRADE_LABELS.get(line.grade, line.grade),
        "fixed": line.monthly_pay * line.months - line.base,
        "paid": line.monthly_pay * line.months - line.base + line.amount,
    }
    pdf = render_pdf(
        render_to_string("people/pay_statement_pdf.html", context), base_url=request.build_absolute_uri("/")
    )
    response = HttpResponse(pdf, content_type=PDF)
    name = f"绩效薪酬通知单-{cycle.code}-{line.user.full_name or line.user.username}.pdf"
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(name)}"
    return response


def pay_figure(request: HttpRequest) -> HttpResponse:
    require(policies.reads_everyone(request.user), "只有考核委员会、单位管理员和上级部门可以查看")
    chart = selectors_pay.share_by_department(request.user)
    rows = [(s["name"], list(zip(chart["years"], s["data"], strict=True))) for s in chart["series"]]
    return render(request, "people/pay_figure.html", {"chart": chart, "rows": rows})

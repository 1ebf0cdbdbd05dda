"""惠企资金 pages: the grant list (filters, pages, Excel), the year's 免申即享 list with its preview and confirmation,
one grant with its steps (review, approval, payment, withdrawal) and the clawbacks to recover."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_record
from taizhang.core import clock
from taizhang.core.forms import download_format
from taizhang.core.http import XLSX, download, require
from taizhang.core.listing import list_response, paginate
from taizhang.core.pages import refusal, void_page
from taizhang.documents.tabular import write_xlsx
from taizhang.enterprise import policies, selectors, selectors_subsidies, subsidies
from taizhang.enterprise.forms_subsidies import GrantFilterForm, PayForm, RecoverForm
from taizhang.enterprise.models import Grant

EXPORT_COLUMNS = [
    "年度",
    "统一社会信用代码",
    "企业名称",
    "园区",
    "政策",
    "条款",
    "金额（元）",
    "来源",
    "状态",
    "支付日期",
    "凭证号",
]


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or 0)
    except ValueError:
        year = 0
    return year if subsidies.FIRST_YEAR <= year <= subsidies.LAST_YEAR else clock.today().year - 1


def _unit(request: HttpRequest):
    """The unit whose grants are made here: the user's own (the zone)."""
    require(policies.can_work(request.user) and request.user.unit_id is not None)
    return request.user.unit


def grant_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    policy_list = list(selectors_subsidies.policies(user))
    years = sorted(set(Grant.objects.visible_to(user).values_list("year", flat=True)), reverse=True)
    form = GrantFilterForm(request.GET, parks=selectors.parks(user), policies=policy_list, years=years)
    filters = form.filters()
    found = selectors_subsidies.grant_list(
        user,
        q=filters["q"],
        policy=filters["policy"],
        clause=filters["clause"],
        state=filters["state"],
        park=filters.get("group"),
        year=filters["year"],
    )
    if download_format(request.GET, "xlsx"):
        return _xlsx(request, found)
    totals = found.aggregate(count=Count("id"), amount=Sum("amount"))
    year = filters["year"] or _year(request)
    pending = 0
    if policies.can_work(user) and user.unit_id:
        pending = sum(1 for o in selectors_subsidies.offers(user.unit_id, year) if o.grant is None)
    context = {
        "filter_form": form,
        "page": paginate(request, found),
        "total_note": f"合计 {totals['amount'] or 0:,.2f} 元",
        "year": year,
        "pending": pending,
        "works": policies.can_work(user),
        "configures": policies.can_configure(user),
        "xlsx_query": request.GET.urlencode(),
    }
    return list_response(request, "enterprise/subsidies_list.html", "enterprise/subsidies_rows.html", context)


def _xlsx(request: HttpRequest, found) -> HttpResponse:
    rows = [
        [
            g.year,
            g.enterprise.uscc,
            g.enterprise.name,
            g.enterprise.park.name if g.enterprise.park_id else "",
            g.clause.policy.name,
            f"{g.clause.code} {g.clause.title}",
            g.amount,
            "免申即享" if g.automatic else "申报",
            g.get_state_display(),
            g.paid_on,
            g.voucher,
        ]
        for g in found
    ]
    stream = io.BytesIO()
    write_xlsx(stream, EXPORT_COLUMNS, rows, sheet_title="惠企资金", text_columns=["统一社会信用代码", "凭证号"])
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        object_type="enterprise.grant",
        object_repr=f"惠企资金兑现清单（{len(rows)} 条）",
        unit_id=request.user.unit_id,
    )
    return download(stream.getvalue(), "惠企资金兑现清单.xlsx", XLSX)


def offers(request: HttpRequest) -> HttpResponse:
    """免申即享: who qualifies for what in the year, computed from the data; the officer picks, previews the total
    and confirms."""
    unit = _unit(request)
    year = _year(request)
    found = selectors_subsidies.offers(unit.pk, year)
    if request.method == "POST":
        picks = _picks(request.POST.getlist("pick"))
        chosen = [o for o in found if (o.enterprise_id, o.clause.pk) in picks and o.grant is None]
        if request.POST.get("action") == "confirm":
            try:
                made = subsidies.grants_create(actor=request.user, unit=unit, year=year, picks=sorted(picks))
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, refusal(exc))
            else:
                messages.success(request, f"已生成 {len(made)} 笔 {year} 年度免申即享兑现，待审核")
                return redirect(f"{reverse('enterprise:grant_list')}?year={year}&state=proposed")
        elif chosen:
            total = sum(o.amount for o in chosen)
            context = {"year": year, "chosen": chosen, "total": total}
            return render(request, "enterprise/subsidies_offers_confirm.html", context)
        else:
            messages.error(request, "请先勾选要生成兑现的企业和条款")
    shown = _offers_filtered(found, request.GET)
    open_offers = [o for o in found if o.grant is None]
    context = {
        "year": year,
        "page": paginate(request, shown),
        "shown": len(shown),
        "offers_count": len(found),
        "open_total": sum(o.amount for o in open_offers),
        "open_count": len(open_offers),
        "policies": sorted({o.clause.policy for o in found}, key=lambda policy: policy.name),
        "filters": {
            "q": request.GET.get("q", "").strip(),
            "policy": request.GET.get("policy", ""),
            "open": request.GET.get("open", "on"),
        },
        "years": sorted({year, *range(clock.today().year, clock.today().year - 6, -1)}, reverse=True),
    }
    return render(request, "enterprise/subsidies_offers.html", context)


def _offers_filtered(found: list, query) -> list:
    """The year's offers an officer asked to see: by enterprise name or code, by policy, only those without a grant
    (the default)."""
    q = query.get("q", "").strip().upper()
    policy = query.get("policy", "")
    shown = [o for o in found if not q or q in o.enterprise_name.upper() or q in o.uscc]
    if policy.isdigit():
        shown = [o for o in shown if o.clause.policy_id == int(policy)]
    if query.get("open", "on") == "on":
        shown = [o for o in shown if o.grant is None]
    return shown


def _picks(values: list[str]) -> set[tuple[int, int]]:
    found = set()
    for value in values:
        enterprise, _, clause = value.partition("-")
        if enterprise.isdigit() and clause.isdigit():
            found.add((int(enterprise), int(clause)))
    return found


def grant_detail(request: HttpRequest, subsidy_grant_id: int) -> HttpResponse:
    grant = selectors_subsidies.grant_or_404(request.user, subsidy_grant_id)
    user = request.user
    pay_form = PayForm(
        request.POST if request.POST.get("action") == "pay" else None, initial={"paid_on": clock.today()}
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "review":
                subsidies.grant_review(actor=user, grant=grant)
                messages.success(request, "已审核，待单位管理员审批")
            elif action == "approve":
                subsidies.grant_approve(actor=user, grant=grant)
                messages.success(request, "已审批，待支付")
            elif action == "pay" and pay_form.is_valid():
                subsidies.grant_pay(actor=user, grant=grant, **pay_form.cleaned_data)
                messages.success(request, "已登记支付")
            else:
                raise ValidationError("请检查填写的内容")
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            return redirect("enterprise:grant_detail", grant.pk)
    budget = selectors_subsidies.budget_of(grant.unit_id, grant.year)
    carried = selectors_subsidies.committed(grant.unit_id, grant.year)
    context = {
        "grant": grant,
        "pay_form": pay_form,
        "works": policies.can_work(user, grant.unit_id),
        "configures": policies.can_configure(user, grant.unit_id),
        "withdraws": subsidies.can_withdraw(user, grant),
        "budget": budget,
        "left": budget.amount - carried if budget else None,
        "due": grant in selectors_subsidies.clawbacks(user, as_of=clock.today()) and grant.recovered_on is None,
    }
    return render(request, "enterprise/subsidies_grant.html", context)


def grant_withdraw(request: HttpRequest, subsidy_grant_id: int) -> HttpResponse:
    grant = selectors_subsidies.grant_or_404(request.user, subsidy_grant_id)
    require(subsidies.can_withdraw(request.user, grant))
    step = {"paid": "支付", "approved": "审批", "reviewed": "审核", "proposed": "兑现"}[grant.state]
    return void_page(
        request,
        title=f"撤回{step}：{grant}",
        void=lambda reason: subsidies.grant_withdraw(actor=request.user, grant=grant, reason=reason),
        done_message=f"已撤回{step}",
        done_url=reverse("enterprise:grant_detail", args=[grant.pk]),
    )


def clawbacks(request: HttpRequest) -> HttpResponse:
    found = selectors_subsidies.clawbacks(request.user, as_of=clock.today())
    context = {
        "due": [g for g in found if g.recovered_on is None],
        "recovered": [g for g in found if g.recovered_on is not None],
        "configures": policies.can_configure(request.user),
    }
    return render(request, "enterprise/subsidies_clawbacks.html", context)


def grant_recover(request: HttpRequest, subsidy_grant_id: int) -> HttpResponse:
    grant = selectors_subsidies.grant_or_404(request.user, subsidy_grant_id)
    require(policies.can_configure(request.user, grant.unit_id))
    form = RecoverForm(request.POST or None, initial={"recovered_on": clock.today(), "amount": grant.amount})
    if request.method == "POST" and form.is_valid():
        try:
            subsidies.grant_recover(actor=request.user, grant=grant, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "已登记追回")
            return redirect("enterprise:subsidy_clawbacks")
    return render(request, "enterprise/subsidies_recover.html", {"grant": grant, "form": form})

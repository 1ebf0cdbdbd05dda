"""The 产业投资公司's portfolio: its figures by chain and the stakes (filters, pages), a stake with its valuations
and agreement, a new stake, an exit through a confirm page and its withdrawal with a reason."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.core.http import require
from taizhang.core.listing import list_response, paginate
from taizhang.core.pages import void_page
from taizhang.enterprise import fiscal_equity, policies, selectors
from taizhang.enterprise import selectors_fiscal as fiscal_selectors
from taizhang.enterprise.forms_fiscal import ExitForm, StakeFilterForm, StakeForm, ValuationForm
from taizhang.enterprise.models import Enterprise, Project, Valuation
from taizhang.enterprise.rules import portfolio
from taizhang.enterprise.views.fiscal import entry_page, form_page, record_void_page, saved_or_none, worker_unit
from taizhang.org.scoping import get_visible_or_404


def equity_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = StakeFilterForm(request.GET, chains=selectors.chains(user))
    filters = form.filters()
    found = fiscal_selectors.stake_list(user, q=filters["q"], chain=filters["chain"], status=filters["status"])
    page = paginate(request, found)
    context = {
        "filter_form": form,
        "page": page,
        "rows": [(stake, fiscal_selectors.holding(stake)) for stake in page],
        "portfolio": fiscal_selectors.portfolio_of(found),
        "works": policies.can_work(user) and bool(user.unit_id),
    }
    return list_response(request, "enterprise/fiscal_equity_list.html", "enterprise/fiscal_equity_rows.html", context)


def equity_new(request: HttpRequest) -> HttpResponse:
    unit_id = worker_unit(request)
    form = StakeForm(
        request.POST or None,
        request.FILES or None,
        enterprises=Enterprise.objects.filter(unit_id=unit_id, status=Enterprise.Status.ACTIVE),
        projects=Project.objects.filter(unit_id=unit_id, dropped_on__isnull=True).order_by("name"),
    )
    return entry_page(
        request,
        form,
        write=lambda data: fiscal_equity.stake_create(actor=request.user, unit_id=unit_id, **data),
        message="已登记股权投资。",
        title="登记股权投资",
        back="enterprise:equity_list",
    )


def equity_detail(request: HttpRequest, stake_id: int) -> HttpResponse:
    user = request.user
    stake = fiscal_selectors.stake_or_404(user, stake_id)
    works = policies.can_work(user, stake.unit_id) and user.unit_id == stake.unit_id
    exited = fiscal_selectors.exit_of(stake)
    form = ValuationForm(request.POST or None)
    if request.method == "POST":
        require(works, "只有开发区的工作人员可以登记估值")
        if form.is_valid():
            write = lambda: fiscal_equity.valuation_add(actor=user, stake=stake, **form.cleaned_data)  # noqa: E731
            saved = saved_or_none(request, form, write, "已登记估值。", request.path)
            if saved:
                return saved
    held = fiscal_selectors.holding(stake)
    context = {
        "stake": stake,
        "exit": exited,
        "withdrawn": stake.exits.filter(withdrawn_at__isnull=False).order_by("-withdrawn_at"),
        "valuations": list(stake.valuations.all())[::-1],
        "value": portfolio.current_value(held),
        "multiple": portfolio.figures([held]).tvpi,
        "works": works,
        "form": form if works and exited is None else None,
    }
    return render(request, "enterprise/fiscal_equity_detail.html", context)


def equity_agreement(request: HttpRequest, stake_id: int) -> FileResponse:
    stake = fiscal_selectors.stake_or_404(request.user, stake_id)
    if not stake.agreement:
        raise Http404("这笔股权没有上传投资协议")
    name = stake.agreement.name.rsplit("/", 1)[-1]
    return FileResponse(stake.agreement.open("rb"), as_attachment=True, filename=name)


def equity_void(request: HttpRequest, stake_id: int) -> HttpResponse:
    stake = fiscal_selectors.stake_or_404(request.user, stake_id)
    return record_void_page(
        request,
        stake,
        title=f"作废股权投资：{stake.investee} {stake.invested} 万元",
        void=lambda reason: fiscal_equity.stake_void(actor=request.user, stake=stake, reason=reason),
        done_url="/enterprise/fiscal/equity/",
    )


def valuation_void(request: HttpRequest, valuation_id: int) -> HttpResponse:
    valuation = get_visible_or_404(Valuation.objects.select_related("stake"), request.user, pk=valuation_id)
    return record_void_page(
        request,
        valuation,
        title=f"作废估值：{valuation.valued_on:%Y-%m-%d} {valuation.value} 万元",
        void=lambda reason: fiscal_equity.valuation_void(actor=request.user, valuation=valuation, reason=reason),
        done_url=f"/enterprise/fiscal/equity/{valuation.stake_id}/",
    )


def equity_exit(request: HttpRequest, stake_id: int) -> HttpResponse:
    """The exit form; a valid form shows what will be recorded and asks for confirmation before writing."""
    stake = fiscal_selectors.stake_or_404(request.user, stake_id)
    require(policies.can_work(request.user, stake.unit_id), "只有开发区的工作人员可以登记退出")
    form = ExitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirmed") == "1":
            write = lambda: fiscal_equity.exit_register(actor=request.user, stake=stake, **data)  # noqa: E731
            saved = saved_or_none(
                request, form, write, "已登记退出，登记有误可说明原因撤回。", f"/enterprise/fiscal/equity/{stake.pk}/"
            )
            if saved:
                return saved
        else:
            context = {
                "stake": stake,
                "form": form,
                "kind": dict(form.fields["kind"].choices)[data["kind"]],
                "multiple": portfolio.multiple(data["proceeds"], stake.invested),
            }
            return render(request, "enterprise/fiscal_equity_exit_confirm.html", context)
    return form_page(
        request,
        form,
        f"登记股权退出：{stake.investee}",
        "enterprise:equity_list",
        "退出即结束全部持股：之后不再估值，退出所得计入已实现回报。下一步核对后确定。",
    )


def equity_exit_withdraw(request: HttpRequest, stake_id: int) -> HttpResponse:
    stake = fiscal_selectors.stake_or_404(request.user, stake_id)
    require(policies.can_work(request.user, stake.unit_id), "只有开发区的工作人员可以撤回退出")
    if fiscal_selectors.exit_of(stake) is None:
        messages.error(request, "这笔股权没有可撤回的退出登记")
        return redirect("enterprise:equity_detail", stake.pk)
    return void_page(
        request,
        title=f"撤回股权退出：{stake.investee}",
        void=lambda reason: fiscal_equity.exit_withdraw(actor=request.user, stake=stake, reason=reason),
        done_message="已撤回退出，这笔股权恢复为持有中。",
        done_url=f"/enterprise/fiscal/equity/{stake.pk}/",
    )

"""Contracts (聘任合同): the list with its filters, one contract, new, renew, end (解聘) and withdraw an ending."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.core import clock
from taizhang.core.http import require
from taizhang.core.listing import list_response, paginate
from taizhang.core.pages import refusal, void_page
from taizhang.org.models import User
from taizhang.people import contracts, policies, selectors, selectors_posts
from taizhang.people.forms_posts import ContractFilterForm, ContractForm, EndForm, RenewForm
from taizhang.people.models import Post
from taizhang.people.rules.posts import ENDING_DAYS


def _manager(request, unit_id: int | None = None) -> None:
    require(
        policies.can_manage(request.user, unit_id) and bool(request.user.unit_id),
        "只有本单位考核委员会委员或单位管理员可以办理聘任合同",
    )


def contract_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    everyone = policies.reads_everyone(user)
    form = ContractFilterForm(
        request.GET,
        groups=selectors.departments(user) if everyone else None,
        group_label="部门",
    )
    filters = form.filters()
    today = clock.today()
    found = selectors_posts.contract_list(
        user,
        today=today,
        q=filters["q"],
        department=filters.get("group"),
        status=filters["status"],
        ending_days=ENDING_DAYS if filters["ending"] else None,
    )
    page = paginate(request, found)
    context = {
        "filter_form": form,
        "page": page,
        "today": today,
        "everyone": everyone,
        "manages": policies.can_manage(user) and bool(user.unit_id),
    }
    return list_response(request, "people/contracts_list.html", "people/contracts_rows.html", context)


def contract_detail(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = selectors_posts.contract_or_404(request.user, contract_id)
    manages = policies.can_manage(request.user, contract.unit_id)
    today = clock.today()
    return render(
        request,
        "people/contracts_detail.html",
        {
            "contract": contract,
            "state": contract.state_on(today),
            "renewed_by": selectors_posts.renewed_by(contract),
            "manages": manages,
            "blocker": contracts.renewal_blocker(contract),
            "may_withdraw": manages and contracts.may_withdraw_end(contract, today),
        },
    )


def _active_posts(user):
    return Post.objects.visible_to(user).filter(unit_id=user.unit_id, is_active=True).select_related("department")


def _terms(data: dict) -> dict:
    """A contract's terms from its form; no pay given means the post's pay."""
    return {
        "post": data["post"],
        "ends_on": data["ends_on"],
        "probation_months": data["probation_months"],
        "monthly_pay": data["monthly_pay"] or data["post"].monthly_pay,
        "shares": data["shares"],
    }


def _saved(request, form, write, done: str) -> HttpResponse | None:
    """The contract page after `write()`, or None with the refusal's every reason on the form."""
    try:
        contract = write()
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return None
    messages.success(request, done)
    return redirect("people:contract_detail", contract.pk)


def contract_create(request: HttpRequest) -> HttpResponse:
    _manager(request)
    user = request.user
    staff = User.objects.filter(unit_id=user.unit_id, is_active=True).order_by("full_name", "username")
    form = ContractForm(request.POST or None, staff=staff, posts=_active_posts(user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        write = lambda: contracts.contract_create(  # noqa: E731
            actor=user, user=data["user"], starts_on=data["starts_on"], **_terms(data)
        )
        saved = _saved(request, form, write, "已登记聘任合同。")
        if saved:
            return saved
    return render(request, "people/contracts_form.html", {"form": form, "title": "登记聘任合同"})


def contract_renew(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = selectors_posts.contract_or_404(request.user, contract_id)
    _manager(request, contract.unit_id)
    blocker = contracts.renewal_blocker(contract)
    form = RenewForm(request.POST or None, contract=contract, posts=_active_posts(request.user))
    if request.method == "POST" and form.is_valid():
        write = lambda: contracts.contract_renew(actor=request.user, contract=contract, **_terms(form.cleaned_data))  # noqa: E731
        saved = _saved(request, form, write, "已续聘。")
        if saved:
            return saved
    title = f"续聘：{contract.user.full_name} · {contract.post.name}"
    return render(
        request, "people/contracts_form.html", {"form": form, "title": title, "contract": contract, "blocker": blocker}
    )


def contract_end(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = selectors_posts.contract_or_404(request.user, contract_id)
    _manager(request, contract.unit_id)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contracts.contract_end(actor=request.user, contract=contract, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "已登记解聘，7 天内可撤回。")
            return redirect("people:contract_detail", contract.pk)
    return render(
        request,
        "confirm.html",
        {
            "form": form,
            "title": f"解聘：{contract.user.full_name} · {contract.post.name}",
            "explain": "解聘后合同终止，不能续聘；登记后 7 天内可以说明原因撤回。请核对后确定。",
            "danger": True,
        },
    )


def contract_end_withdraw(request: HttpRequest, contract_id: int) -> HttpResponse:
    contract = selectors_posts.contract_or_404(request.user, contract_id)
    _manager(request, contract.unit_id)
    return void_page(
        request,
        title=f"撤回解聘：{contract.user.full_name} · {contract.post.name}",
        void=lambda reason: contracts.contract_end_withdraw(actor=request.user, contract=contract, reason=reason),
        done_message="已撤回解聘，合同恢复在聘。",
        done_url=f"/people/contracts/{contract.pk}/",
        template="confirm.html",
        context={"explain": "撤回后合同恢复在聘，解聘和撤回都留在变更记录里。"},
    )

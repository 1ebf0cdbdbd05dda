"""链长制 pages: the chains, a chain's map (links in three columns, the enterprises on them, gaps and their
targets, the chain's figures over the years), the forms for chains, links and targets, and the target list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from taizhang.core.http import require
from taizhang.core.listing import list_response, paginate
from taizhang.core.pages import refusal
from taizhang.enterprise import chains as services
from taizhang.enterprise import policies, selectors_chains
from taizhang.enterprise.forms_chains import (
    ChainForm,
    LinkForm,
    PlaceForm,
    TargetFilterForm,
    TargetForm,
    TargetStatusForm,
    UnplaceForm,
)
from taizhang.enterprise.models import Chain
from taizhang.enterprise.rules import chains as rules
from taizhang.org.models import User

CONFIGURE = "只有本单位管理员可以设置产业链和环节"
WORK = "只有本单位的工作人员可以办理产业链企业落位和招商目标"


def chain_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "rows": selectors_chains.chain_rows(user),
        "configures": policies.can_configure(user) and bool(user.unit_id),
    }
    return render(request, "enterprise/chains_list.html", context)


def chain_detail(request: HttpRequest, chain_id: int) -> HttpResponse:
    user = request.user
    chain = selectors_chains.chain_or_404(user, chain_id)
    years = selectors_chains.chain_years(chain)
    works = policies.can_work(user, chain.unit_id)
    context = {
        "map": selectors_chains.chain_map(chain),
        "years": years,
        "chart": rules.chart(years),
        "works": works,
        "configures": policies.can_configure(user, chain.unit_id),
        "placeable": list(selectors_chains.placeable(chain)) if works else [],
    }
    return render(request, "enterprise/chains_map.html", context)


def _form_page(request, form, title: str, back: str, write, done: str, to) -> HttpResponse:
    """The form page, or after `write()` succeeds the page `to(record)` with `done` as the message."""
    if request.method == "POST" and form.is_valid():
        try:
            record = write(form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, done)
            return redirect(to(record))
    return render(request, "enterprise/chains_form.html", {"form": form, "title": title, "back": back})


def _leaders():
    return User.objects.filter(is_active=True).order_by("full_name", "username")


def chain_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(policies.can_configure(user) and bool(user.unit_id), CONFIGURE)
    form = ChainForm(request.POST or None, leaders=_leaders().filter(unit_id=user.unit_id))
    return _form_page(
        request,
        form,
        "新建产业链",
        reverse("enterprise:chain_list"),
        lambda data: services.chain_create(actor=user, unit=user.unit, **data),
        "已新建产业链，请添加它的环节。",
        lambda chain: reverse("enterprise:chain_detail", args=[chain.pk]),
    )


def chain_edit(request: HttpRequest, chain_id: int) -> HttpResponse:
    user = request.user
    chain = selectors_chains.chain_or_404(user, chain_id)
    require(policies.can_configure(user, chain.unit_id), CONFIGURE)
    leaders = _leaders().filter(unit_id=chain.unit_id) | User.objects.filter(pk=chain.leader_id)
    form = ChainForm(request.POST or None, instance=Chain.objects.get(pk=chain.pk), leaders=leaders)
    back = reverse("enterprise:chain_detail", args=[chain.pk])
    return _form_page(
        request,
        form,
        f"修改产业链 · {chain.name}",
        back,
        lambda data: services.chain_update(actor=user, chain=chain, **data),
        "已保存产业链。",
        lambda _: back,
    )


def link_create(request: HttpRequest, chain_id: int) -> HttpResponse:
    user = request.user
    chain = selectors_chains.chain_or_404(user, chain_id)
    require(policies.can_configure(user, chain.unit_id), CONFIGURE)
    back = reverse("enterprise:chain_detail", args=[chain.pk])
    return _form_page(
        request,
        LinkForm(request.POST or None),
        f"添加环节 · {chain.name}",
        back,
        lambda data: services.link_create(actor=user, chain=chain, **data),
        "已添加环节。",
        lambda _: back,
    )


def link_edit(request: HttpRequest, link_id: int) -> HttpResponse:
    user = request.user
    link = selectors_chains.link_or_404(user, link_id)
    require(policies.can_configure(user, link.unit_id), CONFIGURE)
    back = reverse("enterprise:chain_detail", args=[link.chain_id])
    initial = {"name": link.name, "position": link.position, "sort_order": link.sort_order}
    return _form_page(
        request,
        LinkForm(request.POST or None, initial=initial),
        f"修改环节 · {link}",
        back,
        lambda data: services.link_update(actor=user, link=link, **data),
        "已保存环节。",
        lambda _: back,
    )


def _after_placement(request, link, form, write, done: str) -> HttpResponse:
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, done)
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect(reverse("enterprise:chain_detail", args=[link.chain_id]) + f"#link-{link.pk}")


@require_POST
def link_place(request: HttpRequest, link_id: int) -> HttpResponse:
    user = request.user
    link = selectors_chains.link_or_404(user, link_id)
    require(policies.can_work(user, link.unit_id), WORK)
    form = PlaceForm(request.POST, enterprises=selectors_chains.placeable(link.chain))
    write = lambda data: services.placement_add(actor=user, link=link, enterprise=data["enterprise"])  # noqa: E731
    return _after_placement(request, link, form, write, f"已落位到环节“{link.name}”。")


@require_POST
def link_unplace(request: HttpRequest, link_id: int) -> HttpResponse:
    user = request.user
    link = selectors_chains.link_or_404(user, link_id)
    require(policies.can_work(user, link.unit_id), WORK)
    form = UnplaceForm(request.POST, enterprises=link.enterprises.all())
    write = lambda data: services.placement_remove(  # noqa: E731
        actor=user, link=link, enterprise=data["enterprise"], reason=data["reason"]
    )
    return _after_placement(request, link, form, write, f"已从环节“{link.name}”移出。")


def target_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    officers = selectors_chains.officers(user.unit_id) if user.unit_id else User.objects.none()
    form = TargetFilterForm(request.GET, chains=Chain.objects.visible_to(user), officers=officers)
    filters = form.filters()
    found = selectors_chains.target_list(
        user, q=filters["q"], chain=filters["chain"], status=filters["status"], officer=filters["officer"]
    )
    context = {
        "filter_form": form,
        "page": paginate(request, found),
        "works": policies.can_work(user),
        "status_choices": TargetStatusForm.base_fields["status"].choices,
    }
    return list_response(request, "enterprise/chains_targets.html", "enterprise/chains_target_rows.html", context)


def target_create(request: HttpRequest, link_id: int) -> HttpResponse:
    user = request.user
    link = selectors_chains.link_or_404(user, link_id)
    require(policies.can_work(user, link.unit_id), WORK)
    form = TargetForm(request.POST or None, officers=selectors_chains.officers(link.unit_id))
    back = reverse("enterprise:chain_detail", args=[link.chain_id]) + f"#link-{link.pk}"
    return _form_page(
        request,
        form,
        f"新增招商目标 · {link}",
        back,
        lambda data: services.target_create(actor=user, link=link, **data),
        "已新增招商目标。",
        lambda _: back,
    )


def target_edit(request: HttpRequest, target_id: int) -> HttpResponse:
    user = request.user
    target = selectors_chains.target_or_404(user, target_id)
    require(policies.can_work(user, target.unit_id), WORK)
    fields = ("company", "region", "reason", "status", "officer", "next_on", "note")
    initial = {name: getattr(target, name) for name in fields}
    form = TargetForm(request.POST or None, initial=initial, officers=selectors_chains.officers(target.unit_id))
    back = reverse("enterprise:chain_detail", args=[target.link.chain_id]) + f"#link-{target.link_id}"
    return _form_page(
        request,
        form,
        f"修改招商目标 · {target.company}",
        back,
        lambda data: services.target_update(actor=user, target=target, **data),
        "已保存招商目标。",
        lambda _: back,
    )


@require_POST
def target_status(request: HttpRequest, target_id: int) -> HttpResponse:
    user = request.user
    target = selectors_chains.target_or_404(user, target_id)
    require(policies.can_work(user, target.unit_id), WORK)
    form = TargetStatusForm(request.POST)
    if form.is_valid():
        try:
            services.target_set_status(actor=user, target=target, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, f"已更新“{target.company}”的状态。")
    else:
        messages.error(request, "请选择招商目标的状态")
    back = request.POST.get("next", "")
    if back.startswith("/enterprise/") and "//" not in back:
        return redirect(back)
    return redirect(reverse("enterprise:chain_detail", args=[target.link.chain_id]) + f"#link-{target.link_id}")

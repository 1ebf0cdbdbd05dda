"""Pages of compensation and agreements: policy versions (list, structured edit, preview and publish, the published
standards), a household's compensation, the agreements ledger and a household's agreement with its steps and PDF."""

from __future__ import annotations

import io
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_record
from taizhang.core import clock
from taizhang.core.forms import download_format
from taizhang.core.http import PDF, XLSX, download, require
from taizhang.core.listing import chip, list_response, paginate
from taizhang.core.pages import cleaned, refusal, run_action, void_page
from taizhang.documents.pdf import render_pdf
from taizhang.documents.tabular import write_xlsx
from taizhang.renewal import agreements, compensation, compensation_policies, rules, selectors
from taizhang.renewal.forms.compensation import ChooseForm, PolicyForm, PolicyNewForm, StepForm
from taizhang.renewal.forms.lists import AgreementFilterForm
from taizhang.renewal.models import Agreement, CompensationPolicy
from taizhang.renewal.policies import can_manage_project, can_record

AGREEMENT_COLUMNS = [
    "户编号",
    "户主",
    "村居",
    "工作组",
    "补偿方式",
    "状态",
    "协议编号",
    "补偿金额（元）",
    "签约日期",
    "腾空日期",
    "拆除日期",
]


# --- policy versions ------------------------------------------------------------------------------------


def policy_list(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    may_manage = can_manage_project(request.user, project)
    versions = list(selectors.policy_list(request.user, project))
    form = PolicyNewForm(request.POST or None, project=project) if may_manage and versions else None
    if request.method == "POST":
        require(may_manage, "只有本单位管理员可以编辑补偿政策")
        if form is None:
            return redirect("renewal:policy_new", project_id=project.pk)
        if form.is_valid():
            try:
                policy = compensation_policies.policy_copy(
                    actor=request.user,
                    policy=form.cleaned_data["source"],
                    effective_from=form.cleaned_data["effective_from"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, "已建立新版本草稿，修改后请预览各户差异再公布")
                return redirect("renewal:policy_edit", policy_id=policy.pk)
    in_force = compensation_policies.policy_in_force(project, clock.today())
    return render(
        request,
        "renewal/compensation/policy_list.html",
        {"project": project, "versions": versions, "form": form, "may_manage": may_manage, "in_force": in_force},
    )


def _policy_form_page(request, project, policy, save):
    form = PolicyForm(request.POST or None, policy=policy)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data, form.to_data())
        except (ValidationError, PermissionDenied) as exc:
            for message in exc.messages if isinstance(exc, ValidationError) else [str(exc)]:
                form.add_error(None, message)
        else:
            messages.success(request, "草稿已保存。公布前请查看各户补偿的变化")
            return redirect("renewal:policy_preview", policy_id=saved.pk)
    return render(
        request, "renewal/compensation/policy_edit.html", {"project": project, "policy": policy, "form": form}
    )


def policy_new(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    require(can_manage_project(request.user, project), "只有本单位管理员可以编辑补偿政策")
    return _policy_form_page(
        request,
        project,
        None,
        lambda c, data: compensation_policies.policy_create(
            actor=request.user,
            project=project,
            name=c["name"],
            effective_from=c["effective_from"],
            data=data,
            note=c["note"],
        ),
    )


def policy_edit(request: HttpRequest, policy_id: int) -> HttpResponse:
    policy = selectors.policy_or_404(request.user, policy_id)
    require(can_manage_project(request.user, policy.project), "只有本单位管理员可以编辑补偿政策")
    if policy.status != CompensationPolicy.Status.DRAFT:
        messages.info(request, "已公布的政策不能修改；标准有变化请在政策列表以它为底稿新建版本")
        return redirect("renewal:policy_published", policy_id=policy.pk)
    return _policy_form_page(
        request,
        policy.project,
        policy,
        lambda c, data: compensation_policies.policy_update(
            actor=request.user,
            policy=policy,
            name=c["name"],
            effective_from=c["effective_from"],
            data=data,
            note=c["note"],
        ),
    )


def policy_preview(request: HttpRequest, policy_id: int) -> HttpResponse:
    policy = selectors.policy_or_404(request.user, policy_id)
    may_manage = can_manage_project(request.user, policy.project)
    if request.method == "POST":
        require(may_manage, "只有本单位管理员可以公布补偿政策")

        def publish():
            compensation_policies.policy_publish(actor=request.user, policy=policy)
            return f"“{policy.name}”已公布，自 {policy.effective_from:%Y-%m-%d} 起施行"

        done = run_action(request, {"publish": publish}, reverse("renewal:policy_published", args=[policy.pk]))
        if done:
            return done
    preview = compensation.policy_preview(policy, request.user)
    return render(
        request,
        "renewal/compensation/policy_preview.html",
        {
            "project": policy.project,
            "policy": policy,
            "preview": preview,
            "may_manage": may_manage,
            "errors": rules.policy_errors(policy.data),
        },
    )


def _standards(policy: CompensationPolicy) -> dict:
    return {
        "policy": policy,
        "rows": compensation_policies.policy_standards(policy),
        "project": policy.project,
        "communities": policy.project.ordered_communities(),
    }


def policy_published(request: HttpRequest, policy_id: int) -> HttpResponse:
    """The standards as residents read them (the notice posted in each community), printable, or as a PDF."""
    policy = selectors.policy_or_404(request.user, policy_id)
    context = _standards(policy)
    if download_format(request.GET, "pdf"):
        pdf = render_pdf(
            render_to_string("renewal/compensation/policy_pdf.html", context), base_url=request.build_absolute_uri("/")
        )
        return _inline_pdf(pdf, f"补偿安置标准-{policy.effective_from:%Y%m%d}.pdf")
    context["may_manage"] = can_manage_project(request.user, policy.project)
    return render(request, "renewal/compensation/policy_published.html", context)


def _inline_pdf(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type=PDF)
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(filename)}"
    return response


# --- a household's compensation ---------------------------------------------------------------------------


def compensation_household(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.entry_or_404(request.user, entry_id)
    result = compensation.household_compensation(entry)
    return render(
        request,
        "renewal/compensation/household.html",
        {
            "project": entry.project,
            "entry": entry,
            "result": result,
            "options": [compensation.shown(b) for b in result.breakdowns],
            "agreement": result.agreement,
            "may_record": can_record(request.user, entry.project),
        },
    )


# --- agreements ------------------------------------------------------------------------------------------------


def _agreement_rows(rows):
    for entry in rows:
        agreement = getattr(entry, "agreement", None)
        head = entry.household.head
        yield [
            entry.household.household_no,
            head.name if head else "",
            entry.community.name,
            entry.group.name if entry.group else "",
            agreement.option if agreement else "",
            agreement.get_status_display() if agreement else "未签约",
            agreement.number if agreement else "",
            agreement.amount if agreement else None,
            agreement.signed_on if agreement else None,
            agreement.vacated_on if agreement else None,
            agreement.demolished_on if agreement else None,
        ]


def agreement_list(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    form = AgreementFilterForm(request, project)
    filters = form.filters()
    everything = agreements.agreement_rows(request.user, project)
    rows = selectors.entries_matching(
        request.user,
        agreements.agreement_rows(
            request.user,
            project,
            community_id=filters.get("community"),
            group_id=filters["group"],
            status=filters["status"],
        ),
        filters["q"],
    )
    if download_format(request.GET, "xlsx"):
        stream = io.BytesIO()
        write_xlsx(stream, AGREEMENT_COLUMNS, _agreement_rows(rows), sheet_title="协议台账", text_columns=["户编号"])
        return download(stream.getvalue(), f"{project.name}-协议台账-{clock.today():%Y%m%d}.xlsx", XLSX)
    context = {
        "project": project,
        "page": paginate(request, rows),
        "filter_form": form,
        "filters": filters,
        "counts": [
            (count, chip(request.GET, count.label, status=count.status))
            for count in agreements.agreement_counts(everything)
        ],
    }
    return list_response(
        request, "renewal/compensation/agreement_list.html", "renewal/compensation/_agreement_rows.html", context
    )


def agreement_household(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.entry_or_404(request.user, entry_id)
    agreement = agreements.agreement_of(entry)
    may_record = can_record(request.user, entry.project)
    here = reverse("renewal:agreement_household", args=[entry.pk])
    if request.method == "POST":
        require(may_record, "只有本单位工作人员可以办理协议")

        def choose():
            c = cleaned(ChooseForm(request.POST))
            agreements.agreement_choose(
                actor=request.user,
                entry=entry,
                option=c["option"],
                chosen_area=c["chosen_area"],
                months_until_handover=c["months_until_handover"] or 0,
            )
            return f"已选择{c['option']}"

        done = run_action(
            request,
            {"choose": choose},
            here,
        )
        if done:
            return done
    result = compensation.household_compensation(entry, agreement=agreement)
    measured, determined = compensation.household_readiness(entry)
    chosen = result.of(agreement.option) if agreement else None
    initial = (
        {
            "option": agreement.option,
            "chosen_area": agreement.chosen_area,
            "months_until_handover": agreement.months_until_handover,
        }
        if agreement
        else {"option": Agreement.Option.MONETARY}
    )
    return render(
        request,
        "renewal/compensation/agreement_household.html",
        {
            "project": entry.project,
            "entry": entry,
            "agreement": agreement,
            "result": result,
            "chosen": compensation.shown(chosen),
            "frozen": compensation.shown(agreements.frozen_breakdown(agreement)) if agreement else None,
            "measured": measured,
            "determined": determined,
            "may_record": may_record,
            "may_void": can_manage_project(request.user, entry.project),
            "withdrawable": [
                (slug, step)
                for slug, step in STEP_SLUGS.items()
                if agreement and not agreements.withdraw_refusal(agreement, step)
            ],
            "voided": agreements.voided_agreements(entry).select_related("voided_by"),
            "choose_form": ChooseForm(initial=initial),
            "today": clock.today(),
        },
    )


def agreement_sign(request: HttpRequest, entry_id: int) -> HttpResponse:
    """签约 in two steps: GET shows what signing on that day would freeze and each check; only the confirm POST
    signs, and the confirm button is there only when every check passes."""
    entry = selectors.entry_or_404(request.user, entry_id)
    require(can_record(request.user, entry.project), "只有本单位工作人员可以办理协议")
    agreement = agreements.agreement_of(entry)
    here = reverse("renewal:agreement_household", args=[entry.pk])
    if agreement is None or agreement.status != Agreement.Status.UNSIGNED:
        messages.error(request, "请先选择补偿方式" if agreement is None else "协议已签订")
        return redirect(here)
    form = StepForm(request.POST if request.method == "POST" else request.GET or {"on": clock.today()})
    if request.method == "POST" and request.POST.get("action") == "confirm":
        try:
            on = cleaned(form)["on"]
            agreements.agreement_sign(actor=request.user, agreement=agreement, signed_on=on)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, f"已签约（{on:%Y-%m-%d}）")
            return redirect(here)
    if not form.is_valid():
        messages.error(request, "请填写有效的签约日期")
        return redirect(here)
    on = form.cleaned_data["on"]
    agreement.signed_on = on  # unsaved: the calculation takes the policy in force on the signing day
    result = compensation.household_compensation(entry, agreement=agreement)
    chosen = result.of(agreement.option) if result.policy else None
    checks = agreements.signing_checks(entry, on)
    if on > clock.today():
        checks.append(rules.SigningCheck("签约日期不晚于今天", f"签约日期（{on:%Y-%m-%d}）不能晚于今天"))
    if result.policy is None:
        checks.append(rules.SigningCheck("有生效的补偿政策", f"{on:%Y-%m-%d} 没有已公布生效的补偿政策，不能签约"))
    return render(
        request,
        "renewal/compensation/agreement_sign.html",
        {
            "project": entry.project,
            "entry": entry,
            "agreement": agreement,
            "on": on,
            "result": result,
            "policy": result.policy,
            "chosen": compensation.shown(chosen),
            "amount": chosen.total if chosen else None,
            "capitals": rules.capital_yuan(chosen.total) if chosen else "",
            "checks": checks,
            "may_sign": all(c.passed for c in checks),
        },
    )


STEP_SLUGS = {"vacate": rules.VACATE, "demolish": rules.DEMOLISH}
STEP_SERVICES = {
    rules.VACATE: (agreements.agreement_vacate, "vacated_on"),
    rules.DEMOLISH: (agreements.agreement_demolish, "demolished_on"),
}


def _step_of(slug: str) -> str:
    if slug not in STEP_SLUGS:
        raise Http404
    return STEP_SLUGS[slug]


def agreement_step(request: HttpRequest, entry_id: int, step: str) -> HttpResponse:
    """腾空 or 拆除 in two steps, like 签约: GET shows what the step binds (the agreement, its amount, the
    household); only the confirm POST registers it."""
    step = _step_of(step)
    entry = selectors.entry_or_404(request.user, entry_id)
    require(can_record(request.user, entry.project), "只有本单位工作人员可以办理协议")
    agreement = agreements.agreement_of(entry)
    here = reverse("renewal:agreement_household", args=[entry.pk])
    if agreement is None:
        messages.error(request, "请先选择补偿方式")
        return redirect(here)
    form = StepForm(request.POST if request.method == "POST" else request.GET or {"on": clock.today()})
    if not form.is_valid():
        messages.error(request, f"请填写有效的{step}日期")
        return redirect(here)
    on = form.cleaned_data["on"]
    if request.method == "POST" and request.POST.get("action") == "confirm":
        service, date_field = STEP_SERVICES[step]
        try:
            service(actor=request.user, agreement=agreement, **{date_field: on})
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, f"已登记{step}（{on:%Y-%m-%d}）")
            return redirect(here)
    context = _step_context(entry, agreement, step, preview=agreements.step_preview(agreement, step, on))
    return render(request, "renewal/compensation/agreement_step.html", context)


def _step_context(entry, agreement, step, **extra) -> dict:
    """What the confirmation (`preview`) or the withdrawal of a step shows: the household, the agreement, the
    amount it binds."""
    preview = extra.get("preview")
    amount = preview.amount if preview else agreement.amount
    return {
        "project": entry.project,
        "entry": entry,
        "agreement": agreement,
        "result": compensation.household_compensation(entry, agreement=agreement),
        "step": step,
        "amount": amount,
        "capitals": rules.capital_yuan(amount) if amount is not None else "",
        **extra,
    }


def agreement_step_withdraw(request: HttpRequest, agreement_id: int, step: str) -> HttpResponse:
    step = _step_of(step)
    agreement = agreements.agreement_or_404(request.user, agreement_id)
    entry = agreement.entry
    require(can_manage_project(request.user, entry.project), f"只有本单位管理员可以撤回{step}")
    return void_page(
        request,
        title=f"撤回{step}",
        void=lambda reason: agreements.agreement_step_withdraw(
            actor=request.user, agreement=agreement, step=step, reason=reason
        ),
        done_message=f"已撤回{step}",
        done_url=reverse("renewal:agreement_household", args=[entry.pk]),
        template="renewal/compensation/agreement_step.html",
        context=_step_context(entry, agreement, step, withdraw_refusal=agreements.withdraw_refusal(agreement, step)),
    )


def agreement_void(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = agreements.agreement_or_404(request.user, agreement_id)
    entry = agreement.entry
    return void_page(
        request,
        title=f"作废协议 {agreement.number or ''}（{entry.household.household_no}）",
        void=lambda reason: agreements.agreement_void(actor=request.user, agreement=agreement, reason=reason),
        done_message="协议已作废，该户可重新选择补偿方式",
        done_url=reverse("renewal:agreement_household", args=[entry.pk]),
    )


def agreement_pdf(request: HttpRequest, agreement_id: int) -> HttpResponse:
    """The agreement to sign, filled from the calculation (the frozen one once signed); printing is audited."""
    agreement = agreements.agreement_or_404(request.user, agreement_id)
    entry = agreement.entry
    breakdown = agreements.frozen_breakdown(agreement)
    policy = agreement.policy
    if breakdown is None:
        result = compensation.household_compensation(entry, agreement=agreement)
        breakdown, policy = result.of(agreement.option), result.policy
    if breakdown is None:
        raise Http404("尚无生效的补偿政策，协议无法生成")
    pdf = render_pdf(
        render_to_string(
            "renewal/compensation/agreement_pdf.html",
            {
                "agreement": agreement,
                "entry": entry,
                "project": entry.project,
                "b": compensation.shown(breakdown),
                "policy": policy,
                "members": entry.household.members.filter(life_status="alive").order_by("id"),
            },
        ),
        base_url=request.build_absolute_uri("/"),
    )
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.PRINT,
        object_type="renewal.agreement",
        object_id=str(agreement.pk),
        object_repr=f"{entry.project.name} 协议 {entry.household.household_no}",
        unit_id=entry.unit_id,
        community_id=entry.community_id,
        household_id=entry.household_id,
        changes={"文档": [None, "征收补偿协议"]},
    )
    return _inline_pdf(pdf, f"征收补偿协议-{entry.household.household_no}.pdf")

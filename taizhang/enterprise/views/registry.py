"""Writing the registry from its pages: an enterprise created and edited, its status changed (with a confirmation)
and withdrawn, the parks; the filtered list as Excel and an enterprise's file as a printable PDF."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_record
from taizhang.core import clock
from taizhang.core.http import PDF, XLSX, download, require
from taizhang.core.pages import refusal, void_page
from taizhang.documents.pdf import render_pdf
from taizhang.documents.tabular import write_xlsx
from taizhang.enterprise import policies, registry, selectors, selectors_registry
from taizhang.enterprise.forms_registry import EnterpriseForm, ParkForm, StatusForm
from taizhang.enterprise.models import Enterprise
from taizhang.org.modules import record_sections

WRITE_REFUSED = "只有本单位的工作人员可以登记和修改企业"
COLUMNS = [
    "统一社会信用代码",
    "企业名称",
    "园区",
    "产业链",
    "标签",
    "用地面积（亩）",
    "入园日期",
    "状态",
    "迁出/注销日期",
]
COLUMNS += ["联系人", "联系电话", "地址"]


def _form(request: HttpRequest, enterprise: Enterprise | None = None) -> EnterpriseForm:
    user = request.user
    return EnterpriseForm(
        request.POST or None,
        parks=selectors.parks(user),
        chains=selectors.chains(user),
        links=selectors_registry.links(user),
        enterprise=enterprise,
    )


def _save(request: HttpRequest, form: EnterpriseForm, enterprise: Enterprise | None) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        saved = registry.enterprise_save(
            actor=request.user, unit_id=request.user.unit_id, enterprise=enterprise, **form.service_kwargs()
        )
    except (ValidationError, PermissionDenied) as exc:
        form.add_error(None, refusal(exc))
        return None
    messages.success(request, f"已保存：{saved.name}")
    return redirect("enterprise:enterprise_detail", enterprise_id=saved.pk)


def enterprise_new(request: HttpRequest) -> HttpResponse:
    require(policies.can_work(request.user) and request.user.unit_id is not None, WRITE_REFUSED)
    form = _form(request)
    return _save(request, form, None) or render(
        request, "enterprise/registry_enterprise_form.html", {"form": form, "title": "新增企业"}
    )


def enterprise_edit(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = selectors.enterprise_or_404(request.user, enterprise_id)
    require(policies.can_work(request.user, enterprise.unit_id), WRITE_REFUSED)
    form = _form(request, enterprise)
    context = {"form": form, "title": f"修改企业 · {enterprise.name}", "enterprise": enterprise}
    return _save(request, form, enterprise) or render(request, "enterprise/registry_enterprise_form.html", context)


def enterprise_status(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    """The status form, then a page that says what will change and asks to confirm it."""
    enterprise = selectors.enterprise_or_404(request.user, enterprise_id)
    require(policies.can_work(request.user, enterprise.unit_id), "只有本单位的工作人员可以变更企业状态")
    form = StatusForm(request.POST or None, initial={"on": clock.today()})
    confirming = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirmed") == "1":
            try:
                registry.status_change(
                    actor=request.user,
                    enterprise=enterprise,
                    status=data["status"],
                    on=data["on"],
                    reason=data["reason"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, f"{enterprise.name}已登记为{Enterprise.Status(data['status']).label}")
                return redirect("enterprise:enterprise_detail", enterprise_id=enterprise.pk)
        else:
            confirming = True
    context = {
        "enterprise": enterprise,
        "form": form,
        "confirming": confirming,
        "label": Enterprise.Status(form.cleaned_data["status"]).label if confirming else "",
    }
    return render(request, "enterprise/registry_status.html", context)


def enterprise_status_withdraw(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = selectors.enterprise_or_404(request.user, enterprise_id)
    require(policies.can_work(request.user, enterprise.unit_id), "只有本单位的工作人员可以撤回企业状态变更")
    return void_page(
        request,
        title=f"撤回“{enterprise.get_status_display()}” · {enterprise.name}",
        void=lambda reason: registry.status_withdraw(actor=request.user, enterprise=enterprise, reason=reason),
        done_message=f"已撤回，{enterprise.name}恢复为在园",
        done_url=reverse("enterprise:enterprise_detail", args=[enterprise.pk]),
    )


def _rows(found):
    for e in found:
        yield [
            e.uscc,
            e.name,
            e.park.name if e.park_id else "",
            e.chain.name if e.chain_id else "",
            "、".join(e.tag_labels),
            e.land_mu,
            e.settled_on,
            e.get_status_display(),
            e.left_on,
            e.contact_name,
            e.contact_phone,
            e.address,
        ]


def enterprise_export(request: HttpRequest, found, filters: dict) -> HttpResponse:
    """The filtered list as Excel (the list page's 下载 Excel), audited as an export."""
    stream = io.BytesIO()
    write_xlsx(stream, COLUMNS, _rows(found), sheet_title="企业名录", text_columns=["统一社会信用代码", "联系电话"])
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        object_type="enterprise.enterprise",
        object_repr="企业名录 Excel",
        unit_id=request.user.unit_id,
        changes={"筛选": {key: str(value) for key, value in filters.items() if value}},
    )
    return download(stream.getvalue(), f"企业名录-{clock.today():%Y%m%d}.xlsx", XLSX)


def enterprise_pdf(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = selectors.enterprise_or_404(request.user, enterprise_id)
    context = {
        "enterprise": enterprise,
        "figures": [(figure, figure.tax_per_mu(enterprise.land_mu)) for figure in enterprise.figures.all()],
        "changes": selectors_registry.status_changes(enterprise),
        "sections": record_sections("enterprise", enterprise, request.user, for_pdf=True),
    }
    html = render_to_string("enterprise/registry_enterprise_pdf.html", context)
    pdf = render_pdf(html, base_url=request.build_absolute_uri("/"))
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.PRINT,
        object_type="enterprise.enterprise",
        object_id=str(enterprise.pk),
        object_repr=f"企业档案 {enterprise.name}",
        unit_id=enterprise.unit_id,
        changes={"文档": [None, "企业档案 PDF"]},
    )
    response = HttpResponse(pdf, content_type=PDF)
    response["Content-Disposition"] = f'inline; filename="enterprise-{enterprise.uscc}.pdf"'
    return response


def park_list(request: HttpRequest) -> HttpResponse:
    parks = selectors_registry.parks_with_counts(request.user)
    context = {"parks": parks, "works": policies.can_work(request.user) and request.user.unit_id is not None}
    return render(request, "enterprise/registry_park_list.html", context)


def _park_form(request: HttpRequest, park=None) -> HttpResponse:
    initial = {"name": park.name, "area_mu": park.area_mu, "sort_order": park.sort_order} if park else {}
    form = ParkForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = registry.park_save(
                actor=request.user,
                unit_id=request.user.unit_id,
                park=park,
                name=data["name"],
                area_mu=data["area_mu"],
                sort_order=data["sort_order"] or 0,
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, f"已保存园区：{saved.name}")
            return redirect("enterprise:park_list")
    title = f"修改园区 · {park.name}" if park else "新增园区"
    return render(request, "enterprise/registry_park_form.html", {"form": form, "title": title})


def park_new(request: HttpRequest) -> HttpResponse:
    require(policies.can_work(request.user) and request.user.unit_id is not None, "只有本单位的工作人员可以登记园区")
    return _park_form(request)


def park_edit(request: HttpRequest, park_id: int) -> HttpResponse:
    park = selectors_registry.park_or_404(request.user, park_id)
    require(policies.can_work(request.user, park.unit_id), "只有本单位的工作人员可以修改园区")
    return _park_form(request, park)

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from taizhang.audit.exporting import trail_workbook
from taizhang.audit.forms import AuditSearchForm
from taizhang.audit.labels import action_labels, object_type_labels
from taizhang.audit.models import AuditEntry
from taizhang.audit.selectors import audit_search
from taizhang.audit.services import audit_record
from taizhang.audit.verify import verify_chains
from taizhang.core.forms import download_format
from taizhang.core.http import XLSX, download, require
from taizhang.core.personal import ID_NUMBER, Disclosure
from taizhang.org.personal import disclosure
from taizhang.org.policies import can_search_audit


def audit_index(request: HttpRequest) -> HttpResponse:
    require(can_search_audit(request.user), "只有审计和单位管理员可以查询审计记录")
    if request.method == "POST":  # 校验哈希链: the user's own unit's chain, or every chain for district roles
        result = verify_chains(None if request.user.unit_id is None else {request.user.unit_id})
        (messages.success if result.ok else messages.error)(request, result.message)
        return redirect("audit:index")
    form = AuditSearchForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_search(
        request.user,
        query=filters.get("q", ""),
        action=filters.get("action", ""),
        object_type=filters.get("object_type", ""),
        actor=filters.get("actor", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    if download_format(request.GET, "xlsx") and form.is_valid():
        return _export(request, entries, filters, disclosure(request.user))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    actions, types = action_labels(), object_type_labels()
    for entry in page:
        entry.action_label = actions.get(entry.action, entry.action)
        entry.type_label = types.get(entry.object_type, entry.object_type)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "querystring": query.urlencode()}
    return render(request, "audit/index.html", context)


def _export(request, entries, filters: dict, personal: Disclosure) -> HttpResponse:
    """The filtered trail as a workbook, masked as the user's role requires; the export is itself audited."""
    shown = {
        label: filters[key]
        for key, label in (("q", "关键词"), ("actor", "操作人"), ("date_from", "从"), ("date_to", "到"))
        if filters.get(key)
    }
    if filters.get("action"):
        shown["操作"] = action_labels().get(filters["action"], filters["action"])
    if filters.get("object_type"):
        shown["对象"] = object_type_labels().get(filters["object_type"], filters["object_type"])
    condition = "，".join(f"{k}：{v}" for k, v in shown.items())
    title = f"审计记录{f'（{condition}）' if condition else ''}，导出于 {timezone.localtime():%Y-%m-%d %H:%M}"
    content = trail_workbook(entries, personal=personal, title=title)
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        object_type="audit.export",
        object_repr="审计记录导出",
        unit_id=request.user.unit_id,
        changes={"查询条件": [None, condition or "全部"], "完整身份证号": [None, personal.sees_whole(ID_NUMBER)]},
    )
    return download(content, f"审计记录-{timezone.localdate():%Y%m%d}.xlsx", XLSX)

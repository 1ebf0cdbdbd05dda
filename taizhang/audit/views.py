from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.audit.forms import AuditSearchForm
from taizhang.audit.labels import action_labels, object_type_labels
from taizhang.audit.selectors import audit_search
from taizhang.audit.verify import verify_chains
from taizhang.core.http import require
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
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    actions, types = action_labels(), object_type_labels()
    for entry in page:
        entry.action_label = actions.get(entry.action, entry.action)
        entry.type_label = types.get(entry.object_type, entry.object_type)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/index.html", {"form": form, "page": page, "querystring": query.urlencode()})

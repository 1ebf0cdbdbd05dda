"""The month's visit compliance (走访达标) and the unit's visit rules."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.assistance import rules, selectors, visit_rules
from taizhang.assistance.exporting import compliance_file
from taizhang.assistance.forms.compliance import RuleVersionForm
from taizhang.assistance.forms.filters import month_from
from taizhang.assistance.models import VisitRuleVersion
from taizhang.assistance.policies import can_manage_assistance
from taizhang.core import clock
from taizhang.core.forms import download_format
from taizhang.core.http import CSV, XLSX, download
from taizhang.org.models import OrgNode

DUE_SHOWN = 20  # the furthest behind; the whole list is 帮扶户 filtered to 未达标, a page at a time


def compliance(request: HttpRequest) -> HttpResponse:
    month, community_id = month_from(request.GET)
    report = selectors.month_compliance(request.user, month, community_id=community_id)
    fmt = download_format(request.GET, "xlsx", "csv")
    communities = OrgNode.objects.visible_to(request.user).filter(kind=OrgNode.Kind.COMMUNITY).order_by("path")
    if fmt:
        chosen = communities.filter(pk=community_id).first() if community_id else None
        place = (chosen or request.user.node).name
        content = compliance_file(report, fmt, place=place)
        return download(content, f"{place}走访达标-{month}.{fmt}", XLSX if fmt == "xlsx" else CSV)
    due = report.due
    return render(
        request,
        "assistance/compliance.html",
        {
            "report": report,
            "month": month,
            "community_id": community_id,
            "communities": communities,
            "previous": report.month.previous(),
            "next": report.month.next(),
            "due": due[:DUE_SHOWN],
            "due_count": len(due),
            "can_manage": can_manage_assistance(request.user),
        },
    )


def rule_versions(request: HttpRequest) -> HttpResponse:
    versions = VisitRuleVersion.objects.visible_to(request.user).select_related("unit", "created_by")
    form = None
    if can_manage_assistance(request.user) and request.user.unit_id:
        form = RuleVersionForm(request.POST or None, initial={"effective_from": clock.today()})
        if request.method == "POST" and form.is_valid():
            try:
                visit_rules.rule_version_create(actor=request.user, unit=request.user.unit, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc.messages[0])
            else:
                messages.success(request, "新规则已保存")
                return redirect("assistance:rules")
    return render(request, "assistance/rules.html", {"versions": versions, "form": form, "default": rules.DEFAULT_RULE})

"""The month's reports and the household's papers (明白卡、帮扶手册)."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from taizhang.assistance.forms.filters import month_from
from taizhang.assistance.forms.reports import ReportForm
from taizhang.assistance.models import AssistedHousehold
from taizhang.assistance.policies import can_manage_assistance
from taizhang.assistance.reports import REPORTS, household_papers
from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_record
from taizhang.core.http import PDF, XLSX, download
from taizhang.documents.pdf import render_pdf
from taizhang.org.scoping import get_visible_or_404


def reports(request: HttpRequest) -> HttpResponse:
    month, _ = month_from(request.GET)
    download_form = ReportForm(request.GET)
    if download_form.is_valid():
        report = REPORTS[download_form.cleaned_data["kind"]][1](request.user, month)
        if download_form.cleaned_data["format"] == "xlsx":
            return download(report.xlsx(), f"{report.title}.xlsx", XLSX)
        return download(report.pdf(request.build_absolute_uri("/")), f"{report.title}.pdf", PDF)
    return render(
        request,
        "assistance/reports.html",
        {
            "month": month,
            "reports": [(k, v[0]) for k, v in REPORTS.items()],
            "can_manage": can_manage_assistance(request.user),
        },
    )


def household_paper(request: HttpRequest, assisted_id: int, paper: str) -> HttpResponse:
    """The 明白卡 (one page for the household's wall) or the 帮扶手册, printed from the data (and audited)."""
    assisted = get_visible_or_404(
        AssistedHousehold.objects.select_related("household__unit", "household__community", "household__head"),
        request.user,
        pk=assisted_id,
    )
    template, title = {
        "card": ("assistance/card_pdf.html", "明白卡"),
        "handbook": ("assistance/handbook_pdf.html", "帮扶手册"),
    }[paper]
    pdf = render_pdf(
        render_to_string(template, household_papers(request.user, assisted), request=request),
        base_url=request.build_absolute_uri("/"),
    )
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.PRINT,
        object_type="assistance.household",
        object_id=str(assisted.pk),
        object_repr=f"帮扶户 {assisted.household.household_no}",
        unit_id=assisted.unit_id,
        community_id=assisted.community_id,
        household_id=assisted.household_id,
        changes={"文档": [None, title]},
    )
    response = HttpResponse(pdf, content_type=PDF)
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(title)}-{assisted.household.household_no}.pdf"
    return response

"""The status page an enterprise opens through its project's private link, without an account (mounted by the kernel
at /public/enterprise/, no login, scoped by the token alone): the project's approval items with their due dates and
state, and its 帮办 officer's name and office phone — nothing else."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from taizhang.core import clock
from taizhang.enterprise import selectors_approvals as selectors


def status(request: HttpRequest, status_token: str) -> HttpResponse:
    accompaniment = selectors.status_by_token(status_token)
    if accompaniment is None:
        raise Http404("链接无效或已停用")
    today = clock.today()
    items = [(item, item.overdue(today)) for item in selectors.public_items(accompaniment)]
    context = {
        "project_name": accompaniment.project.name,
        "officer_name": str(accompaniment.officer) if accompaniment.officer_id else "",
        "office_phone": accompaniment.office_phone,
        "items": items,
        "overdue": sum(1 for _, late in items if late),
        "today": today,
    }
    response = render(request, "enterprise/approvals_public_status.html", context)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response

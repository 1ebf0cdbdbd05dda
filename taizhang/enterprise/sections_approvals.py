"""The approvals part of an enterprise's file page: its projects' approval items (record section "enterprise")."""

from itertools import groupby

from django.template.loader import render_to_string

from taizhang.core import clock
from taizhang.enterprise import selectors_approvals as selectors


def enterprise_section(enterprise, user) -> str:
    items = selectors.enterprise_items(user, enterprise)
    if not items:
        return ""
    projects = [(project, list(found)) for project, found in groupby(items, key=lambda item: item.project)]
    return render_to_string("enterprise/approvals_section.html", {"projects": projects, "today": clock.today()})

"""The fiscal area's part of an enterprise's file page: the 产业投资公司's stakes in it."""

from __future__ import annotations

from django.template.loader import render_to_string

from taizhang.enterprise import selectors_fiscal


def enterprise_stakes(enterprise, user) -> str:
    stakes = selectors_fiscal.enterprise_stakes(enterprise)
    if not stakes:
        return ""
    rows = [(stake, selectors_fiscal.holding(stake)) for stake in stakes]
    return render_to_string("enterprise/fiscal_section.html", {"rows": rows})

"""An enterprise's file page, 优秀企业家奖励: its entrepreneurs' nominations by year, with the tier and amount once
allocated and whether it was paid."""

from __future__ import annotations

from django.template.loader import render_to_string

from taizhang.enterprise import selectors_awards


def awards_section(enterprise, user) -> str:
    nominations = selectors_awards.of_enterprise(enterprise)
    if not nominations:
        return ""
    return render_to_string("enterprise/awards_section.html", {"nominations": nominations})

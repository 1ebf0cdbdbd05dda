"""The enterprise file page's 产业链 part: the chains the enterprise belongs to, the links it is on and each chain's
gaps (the page itself is scoped by the registry's view)."""

from __future__ import annotations

from django.template.loader import render_to_string

from taizhang.enterprise import selectors_chains


def enterprise_section(enterprise, user) -> str:
    chains = selectors_chains.enterprise_chains(enterprise)
    if not chains:
        return ""
    return render_to_string("enterprise/chains_section.html", {"chains": chains})

"""The subsidies' part of an enterprise's file page (`Section("enterprise", "subsidies", …)`): its grants over the
years and what it qualifies for this policy year (last year's figures) under the clauses in force."""

from __future__ import annotations

from django.template.loader import render_to_string

from taizhang.core import clock
from taizhang.enterprise import selectors_subsidies
from taizhang.enterprise.models import Grant


def subsidies(enterprise, user) -> str:
    grants = list(
        Grant.objects.visible_to(user)
        .filter(enterprise_id=enterprise.pk)
        .select_related("clause__policy")
        .order_by("-year", "id")
    )
    year = clock.today().year - 1
    offers = selectors_subsidies.offers(enterprise.unit_id, year, enterprise_id=enterprise.pk)
    if not grants and not offers:
        return ""
    context = {"grants": grants, "offers": offers, "year": year}
    return render_to_string("enterprise/subsidies_section.html", context)

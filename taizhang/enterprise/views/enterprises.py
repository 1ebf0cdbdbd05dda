"""The enterprise registry: the list with its filters and an enterprise's file page, which gathers what every area
of the module knows of it through the kernel's record sections (record "enterprise")."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from taizhang.core.forms import download_format
from taizhang.core.listing import list_response, paginate
from taizhang.enterprise import policies, selectors, selectors_registry
from taizhang.enterprise.forms import EnterpriseFilterForm
from taizhang.enterprise.views import registry
from taizhang.org.modules import record_sections


def enterprise_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = EnterpriseFilterForm(request.GET, parks=selectors.parks(user), chains=selectors.chains(user))
    filters = form.filters()
    found = selectors.enterprise_list(
        user,
        q=filters["q"],
        park=filters.get("group"),
        chain=filters["chain"],
        tag=filters["tag"],
        status=filters["status"],
    )
    if download_format(request.GET, "xlsx"):
        return registry.enterprise_export(request, found, filters)
    context = {"filter_form": form, "page": paginate(request, found), "works": policies.can_work(user)}
    return list_response(request, "enterprise/enterprise_list.html", "enterprise/enterprise_rows.html", context)


def enterprise_detail(request: HttpRequest, enterprise_id: int) -> HttpResponse:
    enterprise = selectors.enterprise_or_404(request.user, enterprise_id)
    figures = list(enterprise.figures.all())
    context = {
        "enterprise": enterprise,
        "figures": [(figure, figure.tax_per_mu(enterprise.land_mu)) for figure in figures],
        "sections": record_sections("enterprise", enterprise, request.user),
        "works": policies.can_work(request.user, enterprise.unit_id),
        "status_changes": selectors_registry.status_changes(enterprise),
    }
    return render(request, "enterprise/enterprise_detail.html", context)

"""The pipeline funnel: by stage (with the fixed and the learned probability), by source, chain and officer, the
weighted pipeline value, and the projects whose 达效 is behind what they signed; an ECharts funnel of the stages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from taizhang.core import clock
from taizhang.enterprise.rules.stages import CODES, LABELS
from taizhang.enterprise.selectors_funnel import funnel


def funnel_page(request: HttpRequest) -> HttpResponse:
    found = funnel(request.user, today=clock.today())
    chart = {
        "stages": [LABELS[c] for c in CODES],
        "reached": [s.reached for s in found.stages],
        "now": [s.now for s in found.stages],
    }
    context = {"funnel": found, "chart": chart, "codes": CODES}
    return render(request, "enterprise/pipeline_funnel.html", context)

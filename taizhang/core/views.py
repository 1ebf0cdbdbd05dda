
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from taizhang.registry.selectors import registry_figures


def home(request: HttpRequest) -> HttpResponse:
    figures = registry_figures(request.user)
    if len(figures["units"]) == 1:
        bars = [(c["node"].name, c["households"], c["persons"]) for c in figures["units"][0]["communities"]]
    else:
        bars = [(u["node"].name, u["households"], u["persons"]) for u in figures["units"]]
    chart = {"labels": [b[0] for b in bars], "households": [b[1] for b in bars], "persons": [b[2] for b in bars]}
    return render(request, "core/home.html", {"figures": figures, "chart": chart})


def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")

"""The progress dashboard (进度) and the brief (简报) of a project, as of a day."""

from __future__ import annotations

import contextlib

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from taizhang.core import clock
from taizhang.renewal import progress, selectors
from taizhang.renewal.forms.progress import as_of_from
from taizhang.renewal.models import ProjectGroup
from taizhang.renewal.rules import PROGRESS_LABELS

# Each figure opens the list of the area that records it (when that area's page is there).
FIGURE_LISTS = {
    "households": "renewal:household_list",
    "measured": "renewal:household_list",
    "courtyards": "renewal:site_list",
    "factories": "renewal:site_list",
    "determined": "renewal:determination_list",
    "signed": "renewal:agreement_list",
    "vacated": "renewal:agreement_list",
    "violations_found": "renewal:violation_list",
    "violations_demolished": "renewal:violation_list",
}
# The figures that are households, shown with their share of the households in the red line.
HOUSEHOLD_SHARES = ("measured", "determined", "signed", "vacated")


def _list_urls(project) -> dict[str, str]:
    urls = {}
    for key, name in FIGURE_LISTS.items():
        with contextlib.suppress(NoReverseMatch):  # that area's pages are not there (yet)
            urls[key] = reverse(name, args=[project.pk])
    return urls


def _cells(figures, urls: dict[str, str], query: str = "") -> list[dict]:
    cells = []
    for key, (label, unit) in PROGRESS_LABELS.items():
        value = getattr(figures, key)
        share = round(value * 100 / figures.households) if key in HOUSEHOLD_SHARES and figures.households else None
        url = urls.get(key)
        cells.append(
            {
                "key": key,
                "label": label,
                "unit": unit,
                "value": value,
                "text": f"{value:,}",
                "share": share,
                "url": f"{url}?{query}" if url and query else url,
            }
        )
    return cells


def _group_cells(row, urls: dict[str, str]) -> list[dict]:
    if row.id is None:  # records without a group: no list shows just those
        return _cells(row.figures, {})
    if row.kind == ProjectGroup.Kind.POPULATION:  # its 人口界定 is the whole project's
        return _cells(row.figures, urls)
    return _cells(row.figures, urls, f"group={row.id}")


def _tables(result, urls: dict[str, str]) -> dict:
    return {
        "cards": _cells(result.total, urls),
        "community_rows": [
            {"name": r.name, "cells": _cells(r.figures, urls, f"community={r.id}")} for r in result.communities
        ],
        "group_rows": [
            {"name": r.name, "population": r.kind == ProjectGroup.Kind.POPULATION, "cells": _group_cells(r, urls)}
            for r in result.groups
        ],
        "total_cells": _cells(result.total, urls),
        "labels": [(label, unit) for label, unit in PROGRESS_LABELS.values()],
    }


def progress_page(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    as_of, form = as_of_from(request.GET)
    result = progress.progress_as_of(request.user, project, as_of)
    series = progress.progress_series(request.user, project, as_of)
    return render(
        request,
        "renewal/progress/dashboard.html",
        {
            "project": project,
            "form": form,
            "as_of": as_of,
            "is_today": as_of == clock.today(),
            "chart": series.chart(),
            **_tables(result, _list_urls(project)),
        },
    )


def brief_page(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    as_of, form = as_of_from(request.GET)
    today = clock.today()
    text, result = progress.brief(request.user, project, as_of, today)
    return render(
        request,
        "renewal/progress/brief.html",
        {
            "project": project,
            "form": form,
            "as_of": as_of,
            "is_today": as_of == today,
            "text": text,
            **_tables(result, _list_urls(project)),
        },
    )

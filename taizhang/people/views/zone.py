"""The district's assessment of the development zones: one zone's comparison set for a year (figures, per-indicator
rank and score, totals and 综合排名, a bar chart, an Excel export), and the indicators with their weights."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.core import clock
from taizhang.core.forms import download_format
from taizhang.core.http import XLSX, download, require
from taizhang.core.pages import refusal
from taizhang.documents.tabular import write_xlsx
from taizhang.people import policies, selectors_zone, zone
from taizhang.people.forms_zone import FromYearForm, IndicatorFormSet, ZoneYearForm, indicator_initial
from taizhang.people.rules import zone as rules


def _chosen(request: HttpRequest):
    """(form, zone unit or None, year) from the GET; a bad value is shown and the default used."""
    user = request.user
    zones = list(selectors_zone.zone_units(user))
    form = ZoneYearForm(request.GET or None, zones=zones, years=[])
    valid = form.is_valid()
    wanted = form.cleaned_data.get("unit") if valid else None
    if user.unit_id:
        unit = next((z for z in zones if z.pk == user.unit_id), None)
    else:
        unit = next((z for z in zones if z.pk == wanted), zones[0] if zones else None)
    years = selectors_zone.years(unit.pk) if unit else []
    year = form.cleaned_data.get("year") if valid else None
    form.years = sorted({*years, year or clock.today().year - 1}, reverse=True)
    return form, unit, year or (years[0] if years else clock.today().year - 1)


def assessment(request: HttpRequest) -> HttpResponse:
    form, unit, year = _chosen(request)
    result = selectors_zone.assessment(unit, year) if unit else None
    if result and result.rows and download_format(request.GET, "xlsx"):
        stream = io.BytesIO()
        write_xlsx(stream, _headers(result), _rows(result), sheet_title="开发区综合考核", title=_title(result))
        return download(stream.getvalue(), f"{_title(result)}.xlsx", XLSX)
    context = {
        "form": form,
        "unit": unit,
        "year": year,
        "result": result,
        "above_units": not request.user.unit_id,
        "can_import": unit is not None and policies.imports_zone_figures(request.user, unit),
        "edits_indicators": policies.edits_zone_indicators(request.user),
    }
    if unit is not None:
        context["import_target"] = str(year) if unit.pk == request.user.unit_id else f"{unit.pk}-{year}"
    if result and result.rows:
        context["chart"] = {
            "zones": [row.zone for row in result.rows],
            "totals": [float(row.total) for row in result.rows],
            "own": result.own,
        }
    return render(request, "people/zone_assessment.html", context)


def _title(result) -> str:
    return f"{result.unit.name}-{result.year}年度开发区综合考核"


def _headers(result) -> list[str]:
    headers = ["综合排名", "开发区", "总分", *(f"{group}得分" for group in _groups(result))]
    for i in result.scheme.indicators:
        measure = f"（{i.measure}）" if i.measure else ""
        headers += [f"{i.name}{measure}", f"{i.name}名次", f"{i.name}得分"]
    return headers


def _groups(result) -> list[str]:
    return list(dict.fromkeys(i.group for i in result.scheme.indicators))


def _rows(result):
    for row in result.rows:
        cells = [row.rank, row.zone, row.total, *(part for _, part in row.groups)]
        for cell in row.cells:
            cells += [cell.value.normalize() if cell.value is not None else "缺数据", cell.rank, cell.score]
        yield cells


def indicators(request: HttpRequest) -> HttpResponse:
    """The versions of the district's indicators; a district admin saves the version of a year."""
    edits = policies.edits_zone_indicators(request.user)
    this_year = clock.today().year
    year_form = FromYearForm(request.POST or {"from_year": request.GET.get("from_year") or this_year})
    shown = selectors_zone.scheme_for(int(year_form.data["from_year"]) if year_form.is_valid() else this_year)
    formset = IndicatorFormSet(request.POST or None, initial=indicator_initial(shown.indicators))
    if request.method == "POST":
        require(edits, "只有区级管理员可以设置开发区考核指标")
        if year_form.is_valid() and formset.is_valid():
            chosen = [i for form in formset for i in [form.indicator()] if i is not None]
            try:
                zone.indicators_save(
                    actor=request.user, from_year=year_form.cleaned_data["from_year"], indicators=chosen
                )
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, refusal(exc))
            else:
                messages.success(request, f"已保存 {year_form.cleaned_data['from_year']} 年起适用的开发区考核指标")
                return redirect(reverse("people:zone_indicators"))
        else:
            messages.error(request, "请检查填写的内容")
    context = {
        "versions": selectors_zone.versions(),
        "defaults": rules.DEFAULT_INDICATORS,
        "edits": edits,
        "year_form": year_form,
        "formset": formset,
    }
    return render(request, "people/zone_indicators.html", context)

"""/api/renewal/projects/{id}/progress and /brief: the figures as of a day and the brief, scoped like the pages."""

from __future__ import annotations

from datetime import date

from ninja import Router, Schema
from ninja.errors import HttpError

from taizhang.core import clock
from taizhang.renewal import progress, selectors
from taizhang.renewal.rules import ProgressFigures

router = Router(tags=["棚改旧改"])


class FiguresOut(Schema):
    households: int
    measured: int
    courtyards: int
    factories: int
    determined: int
    signed: int
    vacated: int
    violations_found: int
    violations_demolished: int


class RowOut(Schema):
    id: int | None
    name: str
    figures: FiguresOut


class ProgressOut(Schema):
    project_id: int
    as_of: date
    total: FiguresOut
    communities: list[RowOut]
    groups: list[RowOut]


class BriefOut(Schema):
    project_id: int
    as_of: date
    text: str
    total: FiguresOut


def _as_of(text: str | None) -> date:
    """The as-of day (a string, so that a bad one gets the Chinese message, not the schema's 422)."""
    today = clock.today()
    if not text:
        return today
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise HttpError(400, f"截至日期“{text}”看不懂，请写成 2020-09-15 这样的日期")
    if value > today:
        raise HttpError(400, f"截至日期不能晚于今天（{today:%Y-%m-%d}）")
    return value


def _figures(figures: ProgressFigures) -> dict:
    return vars(figures)


@router.get("/projects/{project_id}/progress", response=ProgressOut)
def project_progress(request, project_id: int, as_of: str | None = None):
    """各项进度（截至某日，默认今天）：全项目、各村居、各工作组。"""
    project = selectors.project_or_404(request.user, project_id)
    result = progress.progress_as_of(request.user, project, _as_of(as_of))

    def rows(items):
        return [{"id": r.id, "name": r.name, "figures": _figures(r.figures)} for r in items]

    return {
        "project_id": project.pk,
        "as_of": result.as_of,
        "total": _figures(result.total),
        "communities": rows(result.communities),
        "groups": rows(result.groups),
    }


@router.get("/projects/{project_id}/brief", response=BriefOut)
def project_brief(request, project_id: int, as_of: str | None = None):
    """工作简报（截至某日，默认今天）及其所依据的数据。"""
    project = selectors.project_or_404(request.user, project_id)
    day = _as_of(as_of)
    text, result = progress.brief(request.user, project, day, clock.today())
    return {"project_id": project.pk, "as_of": day, "text": text, "total": _figures(result.total)}

from decimal import Decimal

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from taizhang.people import selectors_zone
from taizhang.people.zone import FIRST_YEAR, LAST_YEAR

router = Router(tags=["聘任考核"])


class ZoneCellOut(Schema):
    indicator: str
    value: Decimal | None
    rank: int
    score: Decimal


class ZoneRowOut(Schema):
    zone: str
    own: bool
    total: Decimal
    rank: int
    groups: dict[str, Decimal]
    cells: list[ZoneCellOut]


class ZoneAssessmentOut(Schema):
    unit: str
    year: int
    indicators_from_year: int | None
    rows: list[ZoneRowOut]


class ZoneQuery(Schema):
    year: int = Query(..., ge=FIRST_YEAR, le=LAST_YEAR, description="年度")
    unit: int | None = Query(None, description="开发区（单位 id）：区级用户选择；单位的用户总是本单位")


@router.get("/zone/assessment", response=ZoneAssessmentOut, summary="开发区综合考核")
def zone_assessment(request, query: Query[ZoneQuery]):
    """One zone's comparison set for a year, best first: per indicator the figure, rank and score; the total and
    综合排名 (the same as the page)."""
    zones = list(selectors_zone.zone_units(request.user))
    wanted = request.user.unit_id or query.unit
    unit = next((z for z in zones if z.pk == wanted), None) if wanted else (zones[0] if zones else None)
    if unit is None:
        raise Http404("没有找到该开发区，或您无权查看。")
    result = selectors_zone.assessment(unit, query.year)
    if not result.rows:
        raise HttpError(404, f"还没有 {query.year} 年度的开发区考核数据")
    names = [i.name for i in result.scheme.indicators]
    return ZoneAssessmentOut(
        unit=unit.name,
        year=query.year,
        indicators_from_year=result.scheme.from_year,
        rows=[
            ZoneRowOut(
                zone=row.zone,
                own=row.zone == result.own,
                total=row.total,
                rank=row.rank,
                groups=dict(row.groups),
                cells=[
                    ZoneCellOut(indicator=name, value=cell.value, rank=cell.rank, score=cell.score)
                    for name, cell in zip(names, row.cells, strict=True)
                ],
            )
            for row in result.rows
        ],
    )

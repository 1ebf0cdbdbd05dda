from datetime import date

from ninja import Router, Schema

from taizhang.people import selectors

router = Router(tags=["聘任考核"])


class CycleOut(Schema):
    id: int
    unit: str
    code: str
    kind: str
    starts_on: date
    ends_on: date
    status: str


@router.get("/cycles", response=list[CycleOut], summary="考核周期")
def cycle_list(request):
    return [
        CycleOut(
            id=c.pk,
            unit=c.unit.name,
            code=c.code,
            kind=c.get_kind_display(),
            starts_on=c.starts_on,
            ends_on=c.ends_on,
            status=c.get_status_display(),
        )
        for c in selectors.cycles(request.user)[:200]
    ]

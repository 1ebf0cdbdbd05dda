from decimal import Decimal

from ninja import Router, Schema

from taizhang.enterprise import selectors_registry

router = Router(tags=["企业服务"])


class ParkOut(Schema):
    id: int
    name: str
    area_mu: Decimal | None
    active: int
    land: Decimal | None


@router.get("/parks", response=list[ParkOut], summary="园区及其在园企业数、企业用地")
def park_list(request):
    return list(selectors_registry.parks_with_counts(request.user))

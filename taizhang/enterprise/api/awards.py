from datetime import date
from decimal import Decimal

from ninja import Router, Schema

from taizhang.enterprise import selectors_awards as selectors
from taizhang.enterprise.models import AwardRound

router = Router(tags=["企业服务"])


class AwardRoundOut(Schema):
    id: int
    year: int
    title: str
    pool: Decimal
    status: str
    nominations_until: date
    publicity_from: date | None
    publicity_until: date | None
    nomination_count: int


@router.get("/awards", response=list[AwardRoundOut], summary="优秀企业家奖励评选")
def award_rounds(request):
    return list(selectors.round_list(request.user)[:100])


class AwardeeOut(Schema):
    rank: int
    entrepreneur: str
    post: str
    enterprise: str
    tier: str
    amount: Decimal

    @staticmethod
    def resolve_enterprise(nomination) -> str:
        return nomination.enterprise.name


@router.get("/awards/{award_round_id}/publicity", response=list[AwardeeOut], summary="公示名单（公示后）")
def award_publicity(request, award_round_id: int):
    rnd = selectors.round_or_404(request.user, award_round_id)
    if rnd.status not in (AwardRound.Status.PUBLICITY, AwardRound.Status.CONFIRMED):
        return []
    return list(selectors.awarded(rnd))

from datetime import date
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from taizhang.core import clock
from taizhang.core.http import require
from taizhang.enterprise import policies, selectors_subsidies
from taizhang.enterprise.models import Grant

router = Router(tags=["企业服务"])


class GrantOut(Schema):
    id: int
    year: int
    uscc: str
    enterprise: str
    policy: str
    clause: str
    amount: Decimal
    automatic: bool
    state: str
    paid_on: date | None
    voucher: str

    @staticmethod
    def resolve_uscc(grant: Grant) -> str:
        return grant.enterprise.uscc

    @staticmethod
    def resolve_enterprise(grant: Grant) -> str:
        return grant.enterprise.name

    @staticmethod
    def resolve_policy(grant: Grant) -> str:
        return grant.clause.policy.name

    @staticmethod
    def resolve_clause(grant: Grant) -> str:
        return f"{grant.clause.code} {grant.clause.title}"

    @staticmethod
    def resolve_state(grant: Grant) -> str:
        return grant.get_state_display()


@router.get("/subsidies/grants", response=list[GrantOut], summary="惠企资金兑现清单")
@paginate(PageNumberPagination, page_size=100)
def grant_list(
    request,
    q: str = "",
    year: int | None = None,
    policy: int | None = None,
    clause: int | None = None,
    state: str = "",
    park: int | None = None,
):
    """The grants in scope; `state` is proposed, reviewed, approved, paid or withdrawn."""
    return selectors_subsidies.grant_list(
        request.user, q=q, year=year, policy=policy, clause=clause, state=state, park=park
    )


class OfferOut(Schema):
    uscc: str
    enterprise: str
    policy: str
    clause: str
    amount: Decimal
    reasons: list[str]
    grant_id: int | None


@router.get("/subsidies/offers", response=list[OfferOut], summary="免申即享：本单位某年度符合条件的企业和条款")
def offers(request, year: int | None = None):
    """Computed from the registry and the figures (the policy year and the year before), without anyone applying."""
    user = request.user
    require(policies.can_work(user) and user.unit_id is not None)
    year = year or clock.today().year - 1
    return [
        {
            "uscc": o.uscc,
            "enterprise": o.enterprise_name,
            "policy": o.clause.policy.name,
            "clause": f"{o.clause.code} {o.clause.title}",
            "amount": o.amount,
            "reasons": list(o.reasons),
            "grant_id": o.grant.pk if o.grant else None,
        }
        for o in selectors_subsidies.offers(user.unit_id, year)
    ]

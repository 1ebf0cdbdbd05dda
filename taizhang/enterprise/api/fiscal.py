from datetime import date
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from taizhang.enterprise import selectors_fiscal as selectors
from taizhang.enterprise.models import EquityStake
from taizhang.enterprise.rules import portfolio

router = Router(tags=["企业服务"])


class SharingYearOut(Schema):
    year: int
    rule_effective_year: int
    zone_share: Decimal
    revenue: Decimal | None
    base: Decimal | None
    increment: Decimal | None
    zone: Decimal | None
    district: Decimal | None
    shortfall: Decimal | None


@router.get("/fiscal/sharing", response=list[SharingYearOut], summary="与区财政增量分享（按年度）")
def sharing(request, unit: int | None = None):
    """The years' split under the rule in force; `unit` for a user above units (default: the first in scope)."""
    chosen, _ = selectors.fiscal_unit(request.user, unit)
    if chosen is None:
        raise Http404("没有可查看的财政台账")
    rows = []
    for y in selectors.sharing_years(chosen.pk):
        split = y.split
        rows.append(
            {
                "year": y.year,
                "rule_effective_year": y.rule.effective_year,
                "zone_share": y.rule.zone_share,
                **{
                    name: getattr(split, name) if split else None
                    for name in ("revenue", "base", "increment", "zone", "district", "shortfall")
                },
            }
        )
    return rows


class StakeOut(Schema):
    id: int
    investee: str
    enterprise_id: int | None
    project_id: int | None
    chain: str
    invested: Decimal
    share: Decimal
    invested_on: date
    current_value: Decimal | None
    proceeds: Decimal | None

    @staticmethod
    def resolve_chain(stake: EquityStake) -> str:
        return selectors.holding(stake).group

    @staticmethod
    def resolve_current_value(stake: EquityStake) -> Decimal | None:
        held = selectors.holding(stake)
        return None if held.proceeds is not None else portfolio.current_value(held)

    @staticmethod
    def resolve_proceeds(stake: EquityStake) -> Decimal | None:
        return selectors.holding(stake).proceeds


@router.get("/fiscal/equity", response=list[StakeOut], summary="产业投资公司股权投资")
@paginate(PageNumberPagination, page_size=100)
def equity(request, q: str = "", chain: int | None = None, status: str = ""):
    """The stakes in scope; `status` held (持有中) or exited (已退出)."""
    return selectors.stake_list(request.user, q=q, chain=chain, status=status)

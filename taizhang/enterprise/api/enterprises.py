from datetime import date
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from taizhang.enterprise import selectors
from taizhang.enterprise.models import Enterprise

router = Router(tags=["企业服务"])


class EnterpriseOut(Schema):
    id: int
    uscc: str
    name: str
    park: str | None
    chain: str | None
    tags: list[str]
    land_mu: Decimal | None
    status: str
    settled_on: date | None

    @staticmethod
    def resolve_park(enterprise: Enterprise) -> str | None:
        return enterprise.park.name if enterprise.park_id else None

    @staticmethod
    def resolve_chain(enterprise: Enterprise) -> str | None:
        return enterprise.chain.name if enterprise.chain_id else None

    @staticmethod
    def resolve_tags(enterprise: Enterprise) -> list[str]:
        return enterprise.tag_labels

    @staticmethod
    def resolve_status(enterprise: Enterprise) -> str:
        return enterprise.get_status_display()


@router.get("/enterprises", response=list[EnterpriseOut], summary="企业名录")
@paginate(PageNumberPagination, page_size=100)
def enterprise_list(request, q: str = "", park: int | None = None, chain: int | None = None, tag: str = ""):
    """The enterprises in scope; `tag` is a tag field (tag_high_tech, …) or four_new (any of 四新)."""
    return selectors.enterprise_list(request.user, q=q, park=park, chain=chain, tag=tag)


class FigureOut(Schema):
    year: int
    revenue: Decimal | None
    tax: Decimal | None
    output: Decimal | None
    rd: Decimal | None
    energy: Decimal | None
    tax_per_mu: Decimal | None
    rd_intensity: Decimal | None
    energy_per_output: Decimal | None


class EnterpriseDetailOut(EnterpriseOut):
    figures: list[FigureOut]

    @staticmethod
    def resolve_figures(enterprise: Enterprise) -> list[dict]:
        return [
            {
                "year": f.year,
                "revenue": f.revenue,
                "tax": f.tax,
                "output": f.output,
                "rd": f.rd,
                "energy": f.energy,
                "tax_per_mu": f.tax_per_mu(enterprise.land_mu),
                "rd_intensity": f.rd_intensity,
                "energy_per_output": f.energy_per_output,
            }
            for f in enterprise.figures.all()
        ]


@router.get("/enterprises/{enterprise_id}", response=EnterpriseDetailOut, summary="一家企业及其年度数据")
def enterprise_detail(request, enterprise_id: int):
    return selectors.enterprise_or_404(request.user, enterprise_id)

"""链长制 over the API: the chains with their counts, a chain's map with its gaps and figures, the target list."""

from datetime import date
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from taizhang.enterprise import selectors_chains

router = Router(tags=["企业服务"])


class ChainOut(Schema):
    id: int
    name: str
    leader_name: str
    links: int
    gaps: int
    enterprises: int
    open_targets: int


@router.get("/chains", response=list[ChainOut], summary="产业链及缺链环节数")
def chain_list(request):
    return [
        {
            "id": r.chain.pk,
            "name": r.chain.name,
            "leader_name": r.chain.leader_name,
            "links": r.links,
            "gaps": r.gaps,
            "enterprises": r.enterprises,
            "open_targets": r.open_targets,
        }
        for r in selectors_chains.chain_rows(request.user)
    ]


class PlacedOut(Schema):
    id: int
    name: str
    status: str


class TargetOut(Schema):
    id: int
    company: str
    region: str
    status: str
    next_on: date | None


class LinkOut(Schema):
    id: int
    name: str
    position: str
    is_gap: bool
    enterprises: list[PlacedOut]
    targets: list[TargetOut]


class ChainYearOut(Schema):
    year: int
    enterprises: int
    revenue: Decimal | None
    tax: Decimal | None
    output: Decimal | None
    tax_per_mu: Decimal | None


class ChainMapOut(Schema):
    id: int
    name: str
    leader_name: str
    links: list[LinkOut]
    years: list[ChainYearOut]


@router.get("/chains/{chain_id}", response=ChainMapOut, summary="产业链图谱：环节、落位企业、缺链与年度数据")
def chain_detail(request, chain_id: int):
    chain = selectors_chains.chain_or_404(request.user, chain_id)
    found = selectors_chains.chain_map(chain)
    links = [
        {
            "id": v.link.pk,
            "name": v.link.name,
            "position": v.link.position,
            "is_gap": v.is_gap,
            "enterprises": [{"id": e.pk, "name": e.name, "status": e.status} for e in v.enterprises],
            "targets": [
                {"id": t.pk, "company": t.company, "region": t.region, "status": t.status, "next_on": t.next_on}
                for t in v.targets
            ],
        }
        for _, _, column in found.columns
        for v in column
    ]
    years = [
        {
            "year": y.year,
            "enterprises": y.enterprises,
            "revenue": y.revenue,
            "tax": y.tax,
            "output": y.output,
            "tax_per_mu": y.tax_per_mu,
        }
        for y in selectors_chains.chain_years(chain)
    ]
    return {"id": chain.pk, "name": chain.name, "leader_name": chain.leader_name, "links": links, "years": years}


class TargetRowOut(TargetOut):
    chain: str
    link: str
    reason: str

    @staticmethod
    def resolve_chain(target) -> str:
        return target.link.chain.name

    @staticmethod
    def resolve_link(target) -> str:
        return target.link.name


@router.get("/targets", response=list[TargetRowOut], summary="招商目标")
@paginate(PageNumberPagination, page_size=100)
def target_list(request, q: str = "", chain: int | None = None, status: str = "", officer: int | None = None):
    return selectors_chains.target_list(request.user, q=q, chain=chain, status=status, officer=officer)

"""/api/people/rounds: 竞聘上岗 read as its pages read it. Staff of the unit see a round once published, its posts, the
appointees in 公示 and their own applications; the rankings with everyone's scores only those who read everyone's
records (policies.reads_everyone)."""

from datetime import date
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from taizhang.people import policies, selectors_rounds
from taizhang.people.models import Application, Round, RoundPost

router = Router(tags=["聘任考核"])


class RoundOut(Schema):
    id: int
    unit: str
    title: str
    status: str
    status_label: str
    apply_from: date
    apply_until: date
    term_starts_on: date
    term_ends_on: date
    post_count: int
    applicant_count: int

    @staticmethod
    def resolve_unit(rnd: Round) -> str:
        return rnd.unit.name

    @staticmethod
    def resolve_status_label(rnd: Round) -> str:
        return rnd.get_status_display()


@router.get("/rounds", response=list[RoundOut], summary="竞聘上岗")
@paginate(PageNumberPagination, page_size=50)
def round_list(request):
    return selectors_rounds.round_list(request.user)


class RoundPostOut(Schema):
    post_id: int
    department: str
    post: str
    monthly_pay: Decimal
    openings: int


class ApplicationOut(Schema):
    post_id: int
    post: str
    username: str
    name: str
    proposed: bool
    appointed: bool


class RankedOut(ApplicationOut):
    written: Decimal | None
    interview: Decimal | None
    democratic: Decimal | None
    total: Decimal | None
    rank: int | None


class RankingOut(Schema):
    post_id: int
    post: str
    openings: int
    rows: list[RankedOut]


class RoundDetailOut(RoundOut):
    """A round as round_detail() hands it over: the Round with its parts read for the viewer attached (`read`)."""

    max_posts: int
    weights: list[Decimal]
    performance_shares: list[str]
    publicity_from: date | None
    publicity_until: date | None
    posts: list[RoundPostOut]
    publicity: list[ApplicationOut]
    mine: list[ApplicationOut]
    rankings: list[RankingOut] | None

    @staticmethod
    def resolve_weights(rnd: Round) -> list[Decimal]:
        return list(rnd.weights)

    @staticmethod
    def resolve_posts(rnd: Round) -> list[RoundPostOut]:
        return rnd.read["posts"]

    @staticmethod
    def resolve_publicity(rnd: Round) -> list[ApplicationOut]:
        return rnd.read["publicity"]

    @staticmethod
    def resolve_mine(rnd: Round) -> list[ApplicationOut]:
        return rnd.read["mine"]

    @staticmethod
    def resolve_rankings(rnd: Round) -> list[RankingOut] | None:
        return rnd.read["rankings"]


def _post(rp: RoundPost) -> RoundPostOut:
    post = rp.post
    return RoundPostOut(
        post_id=post.pk,
        department=post.department.name,
        post=post.name,
        monthly_pay=post.monthly_pay,
        openings=rp.openings,
    )


def _application(a: Application) -> dict:
    return {
        "post_id": a.round_post.post_id,
        "post": a.round_post.post.name,
        "username": a.user.username,
        "name": a.user.full_name,
        "proposed": a.proposed,
        "appointed": a.contract_id is not None,
    }


def _rankings(rnd: Round, round_posts: list, applications: list) -> list[RankingOut]:
    return [
        RankingOut(
            post_id=ranking.round_post.post_id,
            post=ranking.round_post.post.name,
            openings=ranking.round_post.openings,
            rows=[
                RankedOut(
                    **_application(a),
                    written=a.written,
                    interview=a.interview,
                    democratic=a.democratic,
                    total=total,
                    rank=rank,
                )
                for a, total, rank in ranking.rows
            ],
        )
        for ranking in selectors_rounds.rankings(rnd, round_posts, applications)
    ]


@router.get("/rounds/{round_id}", response=RoundDetailOut, summary="一次竞聘：岗位、公示、本人报名、排名")
def round_detail(request, round_id: int):
    user = request.user
    rnd = selectors_rounds.round_or_404(user, round_id)
    round_posts = selectors_rounds.round_posts(rnd)
    applications = selectors_rounds.applications(rnd)
    published = rnd.status in (Round.Status.PUBLICITY, Round.Status.CONFIRMED)
    rnd.post_count = len(round_posts)
    rnd.applicant_count = len({a.user_id for a in applications})
    rnd.read = {
        "posts": [_post(rp) for rp in round_posts],
        "publicity": [ApplicationOut(**_application(a)) for a in applications if published and a.proposed],
        "mine": [ApplicationOut(**_application(a)) for a in applications if a.user_id == user.pk],
        "rankings": _rankings(rnd, round_posts, applications) if policies.reads_everyone(user) else None,
    }
    return rnd

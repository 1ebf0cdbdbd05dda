from decimal import Decimal

from ninja import Router, Schema

from taizhang.people import selectors_kpi
from taizhang.people.models import Cycle, Result

router = Router(tags=["聘任考核"])


class ResultOut(Schema):
    username: str
    name: str
    department: str | None
    kpi_score: Decimal | None
    review_score: Decimal | None
    final_score: Decimal | None
    grade: str
    calibrated: bool


def _out(r: Result) -> ResultOut:
    return ResultOut(
        username=r.user.username,
        name=r.user.full_name,
        department=r.department.name if r.department else None,
        kpi_score=r.kpi_score,
        review_score=r.review_score,
        final_score=r.final_score,
        grade=r.get_grade_display(),
        calibrated=r.grade != r.computed_grade,
    )


@router.get("/cycles/{cycle_id}/results", response=list[ResultOut], summary="一个周期的考核结果（考核委员会、区级）")
def cycle_results(request, cycle_id: int, q: str = "", department: int | None = None, grade: str = ""):
    cycle = selectors_kpi.readable_cycle_or_404(request.user, cycle_id)
    items = selectors_kpi.results(cycle, q=q[:64], department=department, grade=grade[:16])
    return [_out(r) for r in items[:2000]]


@router.get("/my-results", response=list[ResultOut], summary="本人已公布的考核结果")
def my_results(request):
    items = (
        Result.objects.visible_to(request.user)
        .filter(user_id=request.user.pk, cycle__status=Cycle.Status.LOCKED)
        .select_related("user", "department")
        .order_by("-cycle__starts_on")
    )
    return [_out(r) for r in items[:100]]

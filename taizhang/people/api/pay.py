"""/api/people/: pay sheet lines and elimination recommendations, scoped like the pages (a staff member reads their
own line and the decisions on them; the committee, the unit admin and district roles read everyone's)."""

from datetime import date
from decimal import Decimal

from ninja import Router, Schema

from taizhang.people import selectors_elimination, selectors_pay

router = Router(tags=["聘任考核"])


class PayLineOut(Schema):
    id: int
    username: str
    name: str
    department: str
    post: str
    base: Decimal
    grade: str
    coefficient: Decimal
    amount: Decimal


class PaySheetOut(Schema):
    id: int
    cycle: str
    number: int
    status: str
    pool: Decimal
    lines: list[PayLineOut]


@router.get("/pay/sheets/{sheet_id}", response=PaySheetOut, summary="绩效薪酬发放表")
def sheet_detail(request, sheet_id: int):
    sheet = selectors_pay.sheet_or_404(request.user, sheet_id)
    lines = [
        PayLineOut(
            id=line.pk,
            username=line.user.username,
            name=line.user.full_name,
            department=line.department.name if line.department else "",
            post=line.post_name,
            base=line.base,
            grade=line.get_grade_display(),
            coefficient=line.coefficient,
            amount=line.amount,
        )
        for line in selectors_pay.lines(request.user, sheet)
    ]
    return PaySheetOut(
        id=sheet.pk,
        cycle=sheet.cycle.code,
        number=sheet.number,
        status=sheet.get_status_display(),
        pool=sheet.pool,
        lines=lines,
    )


class RecommendationOut(Schema):
    id: int
    cycle: str
    username: str
    name: str
    rule: str
    cycles: list[str]
    status: str
    decision: str
    appeal: str
    appeal_until: date | None


@router.get("/elimination/{recommendation_id}", response=RecommendationOut, summary="淘汰建议与决定")
def recommendation_detail(request, recommendation_id: int):
    rec = selectors_elimination.recommendation_or_404(request.user, recommendation_id)
    return RecommendationOut(
        id=rec.pk,
        cycle=rec.cycle.code,
        username=rec.user.username,
        name=rec.user.full_name,
        rule=rec.rule_text,
        cycles=rec.cycles,
        status=rec.get_status_display(),
        decision=rec.get_decision_display(),
        appeal=rec.get_appeal_display(),
        appeal_until=rec.appeal_until,
    )

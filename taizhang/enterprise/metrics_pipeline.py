"""The figures the pipeline publishes (declared in apps.py; contract in hub.metrics): 签约投资额 (万元, planned
investment of the projects signed by the day) and 开工项目数, per unit in one grouped query; per person through the
credit shares (a project without shares counts whole for its officer), rounded half up to whole 万元 / projects."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.db.models import Value as Constant

from taizhang.core.manifest import Value
from taizhang.enterprise.models import Project, ProjectCredit, StageEvent


def _whole(amount) -> int:
    return int(Decimal(amount or 0).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _reached(stage: str, unit_ids, as_of: date) -> QuerySet[Project]:
    """Projects that reached `stage` on or before the day (a standing event) and were not dropped by then."""
    events = StageEvent.objects.filter(
        unit_id__in=unit_ids, stage=stage, withdrawn_at__isnull=True, reached_on__lte=as_of
    ).values("project_id")
    return Project.objects.filter(unit_id__in=unit_ids, pk__in=events).filter(
        Q(dropped_on__isnull=True) | Q(dropped_on__gt=as_of)
    )


def signed_investment(*, unit_ids: list[int], as_of: date, month: date) -> dict:
    rows = _reached("signed", unit_ids, as_of).values("unit_id").annotate(total=Sum("planned_investment")).order_by()
    return {(r["unit_id"], None): Value(_whole(r["total"])) for r in rows if r["total"]}


def started_projects(*, unit_ids: list[int], as_of: date, month: date) -> dict:
    rows = _reached("started", unit_ids, as_of).values("unit_id").annotate(n=Count("id")).order_by()
    return {(r["unit_id"], None): Value(r["n"]) for r in rows}


def _amount(prefix: str, field: str | None):
    return F(f"{prefix}{field}") if field else Constant(Decimal(1), output_field=DecimalField())


def _credited(user, projects: QuerySet[Project], field: str | None) -> Decimal | None:
    """Σ share × the project's `field` (None: the project itself, 1) over the user's credited projects, whole for
    the uncredited ones they are officer of; None when the user has no part in any project of the unit."""
    decimal = DecimalField(max_digits=24, decimal_places=6)
    # Summed in the database, divided by 100 here: no database divides whole numbers.
    shares = ProjectCredit.objects.filter(user=user, project__in=projects).aggregate(
        total=Sum(ExpressionWrapper(_amount("project__", field) * F("share"), output_field=decimal))
    )["total"]
    whole = projects.filter(officer=user, credits__isnull=True).aggregate(
        total=Sum(ExpressionWrapper(_amount("", field), output_field=decimal))
    )["total"]
    involved = Project.objects.filter(unit_id=user.unit_id).filter(Q(officer=user) | Q(credits__user=user)).exists()
    if not involved:
        return None
    return Decimal(shares or 0) / 100 + Decimal(whole or 0)


def signed_investment_by(user, *, as_of: date, month: date) -> Value | None:
    if not user.unit_id:
        return None
    total = _credited(user, _reached("signed", [user.unit_id], as_of), "planned_investment")
    return None if total is None else Value(_whole(total))


def started_projects_by(user, *, as_of: date, month: date) -> Value | None:
    if not user.unit_id:
        return None
    total = _credited(user, _reached("started", [user.unit_id], as_of), None)
    return None if total is None else Value(_whole(total))

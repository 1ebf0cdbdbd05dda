"""The KPI ledger (`用户名, 指标, 权重, 计分方式, 目标值, 实际值, 下限, 上限, 扣分标准`) and the review ledger
(`被考核人, 评价人类型, 评价人, 得分`) of a cycle: every row checked, every error reported at once (naming row,
column and reason), then written whole or not at all; a batch is undone while its cycle is still open."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.documents.importing import DEFAULT_READING, LedgerImportReport, Reading, cell_text, open_for_import
from taizhang.documents.tabular import RowError
from taizhang.org.models import User
from taizhang.people.kpi import IndicatorIn, decimal_or_none, plan_problems, plans_write, require_manager
from taizhang.people.methods import methods_for
from taizhang.people.models import Cycle, Indicator, Review
from taizhang.people.reviews import TYPE_WORDS, ReviewIn, review_problem, reviews_write

KPI_COLUMNS = ["用户名", "指标", "权重", "计分方式"]
KPI_OPTIONAL = ["目标值", "实际值", "下限", "上限", "扣分标准", "佐证"]
REVIEW_COLUMNS = ["被考核人", "评价人类型", "评价人", "得分"]
REVIEW_OPTIONAL = ["意见"]
NUMBERS = {
    "权重": (0, 100),
    "目标值": (0, None),
    "实际值": (0, None),
    "下限": (0, 10),
    "上限": (0, 10),
    "扣分标准": (0, 100),
}


def _check(actor, cycle: Cycle) -> None:
    require_manager(actor, cycle.unit_id)
    if cycle.status != Cycle.Status.OPEN:
        raise ValidationError(f"周期 {cycle.code} 已评定或已锁定，不能再导入")


def _people(cycle: Cycle) -> tuple[dict[str, User], dict[str, list[User]]]:
    """The unit's staff by username and by name (a name is accepted only when it is unique)."""
    by_username, by_name = {}, defaultdict(list)
    for user in User.objects.filter(unit_id=cycle.unit_id).only("id", "username", "full_name"):
        by_username[user.username] = user
        by_name[user.full_name].append(user)
    return by_username, by_name


def _person(text: str, by_username, by_name) -> tuple[User | None, str]:
    if not text:
        return None, "不能为空"
    if text in by_username:
        return by_username[text], ""
    found = by_name.get(text, [])
    if len(found) == 1:
        return found[0], ""
    return None, "本单位有同名人员，请填写用户名" if found else "本单位没有这个人员（请填写用户名）"


def kpi_import(
    *, actor, cycle: Cycle, data, filename: str, dry_run: bool = False, reading: Reading = DEFAULT_READING, batch=None
) -> LedgerImportReport:
    """Each person's rows replace their plan of the cycle; a person's weights must total 100."""
    _check(actor, cycle)
    report = LedgerImportReport(filename=filename, noun="项指标")
    opened = open_for_import(report, data, filename, KPI_COLUMNS, KPI_OPTIONAL, reading=reading)
    if opened is None:
        return report
    table, index = opened
    by_username, by_name = _people(cycle)
    methods = methods_for(cycle.unit_id, cycle.starts_on)
    plans: dict[int, list[IndicatorIn]] = defaultdict(list)
    names: dict[int, str] = {}
    for row_no, cells in table.rows:
        report.rows += 1
        value = {name: cell_text(cells[i]) for name, i in index.items()}
        errors_before = report.error_count
        user, problem = _person(value["用户名"], by_username, by_name)
        if problem:
            report.add(RowError(row_no, "用户名", value["用户名"][:40] or None, problem))
        numbers = {}
        for column, (low, high) in NUMBERS.items():
            try:
                numbers[column] = decimal_or_none(
                    value.get(column, ""), column, low=low, **({"high": high} if high else {})
                )
            except ValidationError as exc:
                report.add(RowError(row_no, column, value.get(column, "")[:40], exc.messages[0]))
        for column, limit in (("指标", 64), ("计分方式", 32), ("佐证", 500)):
            if len(value.get(column, "")) > limit:
                report.add(RowError(row_no, column, value[column][:20] + "…", f"{column}不超过 {limit} 字"))
        if column_missing := next((c for c in ("指标", "权重") if not value[c]), None):
            report.add(RowError(row_no, column_missing, None, f"{column_missing}不能为空"))
        if report.error_count > errors_before:
            continue
        plans[user.pk].append(
            IndicatorIn(
                name=value["指标"],
                weight=numbers["权重"],
                method=value["计分方式"] or "线性",
                target=numbers["目标值"],
                actual=numbers["实际值"],
                floor=numbers["下限"],
                cap=numbers["上限"],
                deduction=numbers["扣分标准"],
                evidence=value.get("佐证", ""),
                row=row_no,
            )
        )
        names[user.pk] = user.full_name or user.username
        report.keep(row_no, {**value})
    for user_id, rows in plans.items():
        for row, column, reason in plan_problems(rows, methods):
            report.add(RowError(row, column, None, f"{names[user_id]}：{reason}"))
    report.no_rows()
    report.created = sum(len(rows) for rows in plans.values())
    if report.ok and not dry_run:
        plans_write(actor=actor, cycle=cycle, plans=dict(plans), batch=batch)
        report.applied = True
    return report


def reviews_import(
    *, actor, cycle: Cycle, data, filename: str, dry_run: bool = False, reading: Reading = DEFAULT_READING, batch=None
) -> LedgerImportReport:
    _check(actor, cycle)
    report = LedgerImportReport(filename=filename, noun="条评议")
    opened = open_for_import(report, data, filename, REVIEW_COLUMNS, REVIEW_OPTIONAL, reading=reading)
    if opened is None:
        return report
    table, index = opened
    by_username, by_name = _people(cycle)
    plan: list[ReviewIn] = []
    for row_no, cells in table.rows:
        report.rows += 1
        value = {name: cell_text(cells[i]) for name, i in index.items()}
        errors_before = report.error_count
        subject, problem = _person(value["被考核人"], by_username, by_name)
        if problem:
            report.add(RowError(row_no, "被考核人", value["被考核人"][:40] or None, problem))
        kind = TYPE_WORDS.get(value["评价人类型"])
        if kind is None:
            report.add(
                RowError(row_no, "评价人类型", value["评价人类型"][:20] or None, "只能是上级、同事、服务对象或本人")
            )
        try:
            score = decimal_or_none(value["得分"], "得分", high=100)
            if score is None:
                raise ValidationError("得分不能为空")
        except ValidationError as exc:
            score = None
            report.add(RowError(row_no, "得分", value["得分"][:20] or None, exc.messages[0]))
        if report.error_count > errors_before:
            continue
        rater = by_username.get(value["评价人"])
        review = ReviewIn(
            subject_id=subject.pk,
            rater_type=kind,
            rater_name=(rater.full_name if rater else value["评价人"]),
            rater_id=rater.pk if rater else None,
            score=score,
            comment=value.get("意见", ""),
            row=row_no,
        )
        if problem := review_problem(review):
            report.add(RowError(row_no, None, None, problem))
            continue
        plan.append(review)
        report.keep(row_no, value)
    report.no_rows()
    report.created = len(plan)
    if report.ok and not dry_run:
        reviews_write(actor=actor, cycle=cycle, reviews=plan, batch=batch)
        report.applied = True
    return report


@transaction.atomic
def kpi_undo(*, batch, actor, reason: str) -> int:
    """Removes the indicators the batch wrote (the people's plans of the cycle are then empty again)."""
    return _undo(Indicator.objects.filter(import_batch=batch), actor)


@transaction.atomic
def reviews_undo(*, batch, actor, reason: str) -> int:
    return _undo(Review.objects.filter(import_batch=batch), actor)


def _undo(queryset, actor) -> int:
    first = queryset.select_related("cycle").first()
    if first is None:
        return 0
    try:
        require_manager(actor, first.unit_id)
    except PermissionDenied as exc:
        raise ValidationError(str(exc))
    if first.cycle.status != Cycle.Status.OPEN:
        raise ValidationError(f"周期 {first.cycle.code} 已评定或已锁定，这一批不能撤销")
    count, _ = queryset.delete()
    return count

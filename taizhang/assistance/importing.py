"""The town's existing ledgers into the system, whole or nothing: assisted households with their helpers, and
historical visits. Re-importing the same file changes nothing.

One module a little over 400 lines on purpose: both ledgers name people by username through the same staff
lookup (_Staff), and the two parts are short enough to read side by side."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from taizhang.assistance import rules
from taizhang.assistance.models import AssistedHousehold, Category, HelperAssignment, Visit
from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append
from taizhang.core import clock
from taizhang.core.bulk import analyze_after_commit, bulk_insert
from taizhang.core.models import RecordStatus
from taizhang.documents.cells import CellError, cell_date, cell_time
from taizhang.documents.importing import DEFAULT_READING, LedgerImportReport, Reading, open_for_import
from taizhang.documents.importing import cell_text as _text
from taizhang.documents.tabular import RowError
from taizhang.org.models import OrgNode, Role, User
from taizhang.registry.models import Household

ASSISTED_COLUMNS = ["户编号", "帮扶类别", "帮扶开始日期", "帮扶责任人"]
VISIT_COLUMNS = ["户编号", "帮扶责任人", "走访日期", "开始时间", "结束时间", "走访内容"]
CATEGORY_WORDS = {
    "建档立卡户": Category.REGISTERED,
    "建档立卡": Category.REGISTERED,
    "建档立卡贫困户": Category.REGISTERED,
    "贫困户": Category.REGISTERED,
    "监测户": Category.MONITORED,
    "监测": Category.MONITORED,
    "防返贫监测户": Category.MONITORED,
}
NEXT_DAY = "次日"


def _usernames(value) -> list[str]:
    return [name.strip() for name in _text(value).replace(",", "、").replace("，", "、").split("、") if name.strip()]


class _Staff:
    """The unit's accounts by username, resolving a cell of one or more (separated by 、)."""

    def __init__(self, unit: OrgNode):
        self.by_username = {u.username: u for u in User.objects.filter(unit=unit)}
        self.admin_ids = {u.pk for u in self.by_username.values() if u.role == Role.UNIT_ADMIN}

    def resolve(self, value, row_no: int, problems: list[RowError]) -> list[User]:
        names = _usernames(value)
        if not names:
            problems.append(RowError(row_no, "帮扶责任人", value, "帮扶责任人不能为空（填用户名，多人用“、”分隔）"))
        unknown = [n for n in names if n not in self.by_username]
        if unknown:
            problems.append(RowError(row_no, "帮扶责任人", value, f"本单位没有用户名为 {'、'.join(unknown)} 的人员"))
            return []
        return [self.by_username[n] for n in names]


def _batch_reason(report: LedgerImportReport, batch) -> str:
    return f"导入文件 {report.filename}" if batch is None else f"导入批次 {batch.pk}：{report.filename}"


# --- assisted households -------------------------------------------------------------------------


def assisted_import(
    *,
    actor,
    unit: OrgNode,
    data,
    filename: str,
    dry_run: bool = False,
    reading: Reading = DEFAULT_READING,
    batch=None,
) -> LedgerImportReport:
    report = LedgerImportReport(filename=filename, noun="户")
    opened = open_for_import(report, data, filename, ASSISTED_COLUMNS, reading=reading)
    if opened is None:
        return report
    table, index = opened
    households = {h.household_no: h for h in Household.objects.filter(unit=unit, status=RecordStatus.ACTIVE)}
    existing = {a.household_id: a for a in AssistedHousehold.objects.filter(unit=unit)}
    current_helpers = defaultdict(set)
    for assisted_id, helper_id in HelperAssignment.objects.filter(unit=unit, end_date__isnull=True).values_list(
        "assisted_id", "helper_id"
    ):
        current_helpers[assisted_id].add(helper_id)
    staff = _Staff(unit)
    seen: dict[str, int] = {}
    new = []
    for row_no, cells in table.rows:
        report.rows += 1
        problems: list[RowError] = []
        no = _text(cells[index["户编号"]])
        household = households.get(no)
        if not no:
            problems.append(RowError(row_no, "户编号", None, "户编号不能为空"))
        elif household is None:
            problems.append(
                RowError(row_no, "户编号", no, f"{unit.name}户籍台账中没有这一户（或已作废），请先导入户籍")
            )
        elif no in seen:
            problems.append(RowError(row_no, "户编号", no, f"与第{seen[no]}行重复"))
        seen.setdefault(no, row_no)
        category = CATEGORY_WORDS.get(_text(cells[index["帮扶类别"]]))
        if category is None:
            problems.append(RowError(row_no, "帮扶类别", cells[index["帮扶类别"]], "帮扶类别应为：建档立卡户、监测户"))
        try:
            start = cell_date(cells[index["帮扶开始日期"]], "帮扶开始日期")
            if start > clock.today():
                problems.append(RowError(row_no, "帮扶开始日期", start, "帮扶开始日期不能晚于今天"))
        except CellError as exc:
            problems.append(RowError(row_no, "帮扶开始日期", cells[index["帮扶开始日期"]], exc.message))
            start = None
        helpers = staff.resolve(cells[index["帮扶责任人"]], row_no, problems)
        inactive = [h.full_name or h.username for h in helpers if not h.is_active]
        if inactive:
            problems.append(
                RowError(row_no, "帮扶责任人", cells[index["帮扶责任人"]], f"{'、'.join(inactive)}的账号已停用")
            )
        if household is not None and household.pk in existing and not problems:
            before = existing[household.pk]
            if (before.category, before.start_date, current_helpers[before.pk]) == (
                category,
                start,
                {h.pk for h in helpers},
            ):
                report.unchanged += 1
                continue
            problems.append(
                RowError(row_no, "户编号", no, "该户已是帮扶户且与本行不同；调整帮扶责任人或类别请在系统中办理")
            )
        for problem in problems:
            report.add(problem)
        if not problems:
            new.append((household, category, start, helpers))
            report.keep(
                row_no,
                {"户编号": no, "帮扶类别": category.label, "帮扶开始日期": start, "帮扶责任人": helpers},
            )
    report.no_rows()
    report.created = len(new)
    if report.ok and not dry_run:
        if new:
            _apply_assisted(actor, unit, new, report, batch)
        report.applied = True  # also when there was nothing new to write
    return report


@transaction.atomic
def _apply_assisted(actor, unit: OrgNode, new: list, report: LedgerImportReport, batch) -> None:
    batch_id = batch.pk if batch is not None else None
    bulk_insert(
        AssistedHousehold,
        (
            {
                "unit_id": unit.pk,
                "community_id": h.community_id,
                "household_id": h.pk,
                "category": category,
                "start_date": start,
                "import_batch_id": batch_id,
            }
            for h, category, start, _ in new
        ),
    )
    ids = dict(
        AssistedHousehold.objects.filter(unit=unit, household_id__in=[h.pk for h, *_ in new]).values_list(
            "household_id", "id"
        )
    )
    bulk_insert(
        HelperAssignment,
        (
            {
                "unit_id": unit.pk,
                "community_id": h.community_id,
                "assisted_id": ids[h.pk],
                "helper_id": helper.pk,
                "start_date": start,
                "import_batch_id": batch_id,
            }
            for h, _, start, helpers in new
            for helper in helpers
        ),
    )
    drafts = [
        Draft(
            action=AuditEntry.Action.IMPORT_CREATE,
            object_type="assistance.household",
            object_id=str(ids[h.pk]),
            object_repr=f"帮扶户 {h.household_no}",
            unit_id=unit.pk,
            community_id=h.community_id,
            household_id=h.pk,
            reason=_batch_reason(report, batch),
            changes={
                "帮扶类别": [None, Category(category).label],
                "帮扶开始日期": [None, start],
                "帮扶责任人": [None, "、".join(u.full_name or u.username for u in helpers)],
            },
        )
        for h, category, start, helpers in new
    ]
    report.applied = True
    drafts.append(
        Draft(
            action=AuditEntry.Action.IMPORT,
            object_type="assistance.import",
            object_repr=report.filename[:200],
            unit_id=unit.pk,
            changes={"结果": [None, report.summary()]},
        )
    )
    audit_append(drafts, actor=actor)


# --- historical visits ---------------------------------------------------------------------------


@dataclass(slots=True)
class _VisitRow:
    row: int
    assisted: dict
    helper_ids: tuple[int, ...]
    started_at: datetime
    ended_at: datetime
    notes: str
    key: str


def _visit_key(no: str, helper_ids, started_at: datetime, ended_at: datetime) -> str:
    text = f"{no}|{','.join(map(str, sorted(helper_ids)))}|{started_at.isoformat()}|{ended_at.isoformat()}"
    return "import:" + hashlib.sha1(text.encode()).hexdigest()


def visits_import(
    *,
    actor,
    unit: OrgNode,
    data,
    filename: str,
    dry_run: bool = False,
    reading: Reading = DEFAULT_READING,
    batch=None,
) -> LedgerImportReport:
    report = LedgerImportReport(filename=filename, noun="次走访")
    opened = open_for_import(report, data, filename, VISIT_COLUMNS, reading=reading)
    if opened is None:
        return report
    table, index = opened
    assisted = {
        row["household__household_no"]: row
        for row in AssistedHousehold.objects.filter(unit=unit).values(
            "id", "household_id", "household__household_no", "community_id", "start_date", "end_date"
        )
    }
    assignments = defaultdict(list)
    for assisted_id, helper_id, start, end in HelperAssignment.objects.filter(unit=unit).values_list(
        "assisted_id", "helper_id", "start_date", "end_date"
    ):
        assignments[assisted_id].append((helper_id, start, end))
    staff = _Staff(unit)
    existing_keys = set(
        Visit.objects.filter(unit=unit, source=Visit.Source.IMPORT).values_list("idempotency_key", flat=True)
    )
    seen: dict[str, int] = {}
    new: list[_VisitRow] = []
    now = clock.now()
    tz = timezone.get_current_timezone()
    columns = [index[c] for c in VISIT_COLUMNS]
    for row_no, cells in table.rows:
        report.rows += 1
        no_cell, helper_cell, date_cell, start_cell, end_cell, notes_cell = (cells[i] for i in columns)
        problems: list[RowError] = []
        no = _text(no_cell)
        household = assisted.get(no)
        if household is None:
            problems.append(
                RowError(
                    row_no, "户编号", no_cell, "不是本单位的帮扶户（请先导入帮扶户名单）" if no else "户编号不能为空"
                )
            )
        helpers = staff.resolve(helper_cell, row_no, problems)
        try:
            day = cell_date(date_cell, "走访日期")
            start = cell_time(start_cell, "开始时间")
            next_day = isinstance(end_cell, str) and end_cell.strip().startswith(NEXT_DAY)
            end = cell_time(end_cell.strip().removeprefix(NEXT_DAY) if next_day else end_cell, "结束时间")
        except CellError as exc:
            column = (
                "走访日期" if "走访日期" in exc.message else "开始时间" if "开始时间" in exc.message else "结束时间"
            )
            problems.append(
                RowError(
                    row_no, column, {"走访日期": date_cell, "开始时间": start_cell}.get(column, end_cell), exc.message
                )
            )
            day = None
        if day is not None:
            started_at = datetime.combine(day, start, tzinfo=tz)
            ended_at = datetime.combine(day + timedelta(days=next_day), end, tzinfo=tz)
            try:
                rules.check_visit_times(started_at, ended_at, now=now)
            except rules.InvalidVisit as exc:
                hint = "；跨午夜的走访请在结束时间前写“次日”，如 次日00:20" if ended_at <= started_at else ""
                problems.append(
                    RowError(row_no, "结束时间" if ended_at <= started_at else "走访日期", end_cell, exc.message + hint)
                )
            if household is not None and helpers:
                if day < household["start_date"] or (household["end_date"] and day > household["end_date"]):
                    problems.append(RowError(row_no, "走访日期", date_cell, f"{day} 户 {no} 不在帮扶期内"))
                    helpers = []  # no helper is on duty outside the period: one message is enough
                on_duty = {h for h, s, e in assignments[household["id"]] if s <= day and (e is None or day <= e)}
                strangers = [
                    h.full_name or h.username for h in helpers if h.pk not in on_duty and h.pk not in staff.admin_ids
                ]
                if strangers:
                    problems.append(
                        RowError(
                            row_no,
                            "帮扶责任人",
                            helper_cell,
                            f"{'、'.join(strangers)}在 {day} 不是户 {no} 的帮扶责任人",
                        )
                    )
        if problems:
            for problem in problems:
                report.add(problem)
            continue
        helper_ids = tuple(sorted(h.pk for h in helpers))
        key = _visit_key(no, helper_ids, started_at, ended_at)
        if key in seen:
            report.add(RowError(row_no, "开始时间", start_cell, f"与第{seen[key]}行是同一次走访"))
            continue
        seen[key] = row_no
        if key in existing_keys:
            report.unchanged += 1
            continue
        new.append(_VisitRow(row_no, household, helper_ids, started_at, ended_at, _text(notes_cell), key))
        report.keep(
            row_no,
            {"户编号": no, "帮扶责任人": helpers, "开始": started_at, "结束": ended_at, "走访记录": _text(notes_cell)},
        )
    report.no_rows()
    _check_overlaps(unit, new, staff, report)  # among the good rows, so they come with the other rows' errors
    report.created = len(new)
    if report.ok and not dry_run:
        if new:
            _apply_visits(actor, unit, new, report, batch)
        report.applied = True  # also when there was nothing new to write
    return report


def _check_overlaps(unit: OrgNode, new: list[_VisitRow], staff: _Staff, report: LedgerImportReport) -> None:
    """One person cannot be in two homes at once: among the file's rows and against the visits already recorded."""
    if not new:
        return
    first, last = min(v.started_at for v in new), max(v.ended_at for v in new)
    through = Visit.helpers.through
    spans: dict[int, list[tuple]] = defaultdict(list)
    for helper_id, started_at, ended_at, household_no in through.objects.filter(
        visit__unit=unit, visit__status=RecordStatus.ACTIVE, visit__started_at__lt=last, visit__ended_at__gt=first
    ).values_list("user_id", "visit__started_at", "visit__ended_at", "visit__assisted__household__household_no"):
        spans[helper_id].append((started_at, ended_at, None, household_no))
    for visit in new:
        for helper_id in visit.helper_ids:
            spans[helper_id].append(
                (visit.started_at, visit.ended_at, visit.row, visit.assisted["household__household_no"])
            )
    names = {u.pk: u.full_name or u.username for u in staff.by_username.values()}
    for helper_id, helper_spans in spans.items():
        helper_spans.sort(key=lambda s: (s[0], s[2] or 0))
        latest = None
        for span in helper_spans:
            if latest is not None and span[0] < latest[1] and (span[2] or latest[2]):
                later, earlier = (span, latest) if span[2] else (latest, span)
                where = f"第{earlier[2]}行" if earlier[2] else "系统中已有"
                local = timezone.localtime
                report.add(
                    RowError(
                        later[2],
                        "开始时间",
                        f"{local(later[0]):%Y-%m-%d %H:%M}",
                        f"{names.get(helper_id, helper_id)}此时正在走访户 {earlier[3]}（{where}，"
                        f"{local(earlier[0]):%H:%M}–{local(earlier[1]):%H:%M}），同一人不能同时在两户走访",
                    )
                )
            if latest is None or span[1] > latest[1]:
                latest = span


@transaction.atomic
def _apply_visits(actor, unit: OrgNode, new: list[_VisitRow], report: LedgerImportReport, batch) -> None:
    actor_id = actor.pk if actor is not None else None
    reason = _batch_reason(report, batch)
    bulk_insert(
        Visit,
        (
            {
                "unit_id": unit.pk,
                "community_id": v.assisted["community_id"],
                "assisted_id": v.assisted["id"],
                "recorded_by_id": actor_id,
                "visit_date": v.started_at.date(),
                "started_at": v.started_at,
                "ended_at": v.ended_at,
                "minutes": rules.visit_minutes(v.started_at, v.ended_at),
                "notes": v.notes,
                "idempotency_key": v.key,
                "source": Visit.Source.IMPORT,
                "import_batch_id": batch.pk if batch is not None else None,
            }
            for v in new
        ),
    )
    ids = dict(Visit.objects.filter(unit=unit, source=Visit.Source.IMPORT).values_list("idempotency_key", "id"))
    bulk_insert(
        Visit.helpers.through, ({"visit_id": ids[v.key], "user_id": helper} for v in new for helper in v.helper_ids)
    )
    analyze_after_commit(Visit, Visit.helpers.through, rows=len(new))

    by_household = defaultdict(list)
    for visit in new:
        by_household[visit.assisted["household__household_no"]].append(visit)
    report.applied = True
    drafts = [
        Draft(
            action=AuditEntry.Action.IMPORT_CREATE,
            object_type="assistance.visit-import",
            object_repr=f"走访 {no}（{len(visits)} 次）",
            unit_id=unit.pk,
            community_id=visits[0].assisted["community_id"],
            household_id=visits[0].assisted["household_id"],
            reason=reason,
            changes={
                "导入走访": [
                    None,
                    "；".join(
                        f"{timezone.localtime(v.started_at):%Y-%m-%d %H:%M}–{timezone.localtime(v.ended_at):%H:%M}"
                        for v in sorted(visits, key=lambda v: v.started_at)
                    ),
                ]
            },
        )
        for no, visits in by_household.items()
    ]
    drafts.append(
        Draft(
            action=AuditEntry.Action.IMPORT,
            object_type="assistance.import",
            object_repr=report.filename[:200],
            unit_id=unit.pk,
            changes={"结果": [None, report.summary()]},
        )
    )
    audit_append(drafts, actor=actor)

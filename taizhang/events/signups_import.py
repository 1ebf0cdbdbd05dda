"""The import of a sign-up list (`姓名, 手机号, 场次, 报名时间` + 队名, 队员, 村居) into an event: every row checked
and every error reported at once (row, column, reason), then placed whole or not at all, in the order of 报名时间 —
beyond a session's capacity the rows go to its waiting list in that order. Undoing the batch cancels what it created
(refused once any of it is checked in); the places it held go to the waiting in line, one cancellation at a time."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from taizhang.core.rules import mask_phone
from taizhang.documents.cells import CellError
from taizhang.documents.importing import DEFAULT_READING, LedgerImportReport, Reading, cell_text, open_for_import
from taizhang.documents.tabular import RowError
from taizhang.events import policies, signups
from taizhang.events.models import Event, Session, SignUp
from taizhang.events.rules import places
from taizhang.events.rules import signup as signup_rules
from taizhang.events.rules.signup_import import in_signing_order, signed_at
from taizhang.events.selectors import sessions_with_counts

COLUMNS = ["姓名", "手机号", "场次", "报名时间"]
OPTIONAL = ["队名", "队员", "村居"]
FIELD_COLUMNS = {"name": "姓名", "phone": "手机号", "team_name": "队名", "members": "队员"}


@dataclass
class SignupsReport(LedgerImportReport):
    waiting: int = 0
    per_session: dict[str, list[int]] = field(default_factory=dict)  # {场次: [places taken, waiting]} of the file

    def summary(self) -> str:
        verb = "已导入" if self.applied else "可导入"
        return f"共 {self.rows} 行：{verb} {self.created} 条报名，其中候补 {self.waiting} 条"

    def counts(self) -> list[tuple[str, int]]:
        return [("报名（条）", self.created), ("其中候补（条）", self.waiting)]


def _row(report, row_no, cells, index, sessions, seen, taken) -> dict | None:
    """The row as a sign-up to make, or None with its errors in the report."""
    text = {column: cell_text(cells[index[column]]) if column in index else "" for column in COLUMNS + OPTIONAL}
    before = report.error_count
    session = sessions.get(text["场次"])
    if not text["场次"]:
        report.add(RowError(row_no, "场次", None, "场次不能为空"))
    elif session is None:
        report.add(RowError(row_no, "场次", text["场次"], f"本活动没有这个场次；可报名的场次有：{'、'.join(sessions)}"))
    elif not session.takes_signups:
        report.add(RowError(row_no, "场次", text["场次"], f"“{session.name}”无需报名"))
        session = None
    at = None
    try:
        at = timezone.make_aware(signed_at(cells[index["报名时间"]]))
    except CellError as exc:
        report.add(RowError(row_no, "报名时间", text["报名时间"] or None, exc.message))
    phone = signup_rules.normalise_phone(text["手机号"])
    team = session is not None and session.signup == Session.Signup.TEAM
    members = signup_rules.parse_members(text["队员"]) if team else []
    found = signup_rules.problems(
        name=text["姓名"],
        phone=phone,
        team=team,
        team_name=text["队名"],
        members=members,
        team_size_max=session.team_size_max if session else None,
    )
    for name, message in found.items():
        column = FIELD_COLUMNS[name]
        report.add(RowError(row_no, column, text[column] or None, message))
    if session is not None and "phone" not in found:
        first = seen.setdefault((session.pk, phone), row_no)
        if first != row_no:
            report.add(
                RowError(row_no, "手机号", mask_phone(phone), f"与第{first}行重复：同一手机号在一个场次只能报名一次")
            )
        elif (session.pk, phone) in taken:
            report.add(RowError(row_no, "手机号", mask_phone(phone), f"该手机号已报名“{session.name}”"))
    if report.error_count != before:
        return None
    return {
        "session": session,
        "name": text["姓名"],
        "phone": phone,
        "team_name": text["队名"],
        "members": "\n".join(members),
        "village": text["村居"][:64],
        "signed_at": at,
    }


def signups_import(
    *,
    actor,
    event: Event,
    data,
    filename: str,
    dry_run: bool = False,
    reading: Reading = DEFAULT_READING,
    batch=None,
) -> SignupsReport:
    """Check the file against the event's programme; unless a dry run, place its rows in the order of 报名时间."""
    if actor is not None and not policies.can_plan(actor, event.unit_id):
        raise PermissionDenied("只有本单位管理员和工作组组长可以导入报名名单")
    report = SignupsReport(filename=filename, noun="条")
    opened = open_for_import(report, data, filename, COLUMNS, OPTIONAL, reading=reading)
    if opened is None:
        return report
    table, index = opened
    sessions = {s.name: s for s in event.sessions.all()}
    taken = set(SignUp.objects.filter(event=event).exclude(state=places.CANCELLED).values_list("session_id", "phone"))
    seen: dict[tuple[int, str], int] = {}
    good: dict[int, dict] = {}
    for row_no, cells in table.rows:
        report.rows += 1
        row = _row(report, row_no, cells, index, sessions, seen, taken)
        if row is not None:
            good[row_no] = row
            report.keep(row_no, {**row, "session": row["session"].name, "phone": mask_phone(row["phone"])})
    report.no_rows()
    report.created = len(good)
    if not report.ok:
        return report
    order = in_signing_order([(row_no, row["signed_at"]) for row_no, row in good.items()])
    if dry_run:
        report.waiting = _waiting_if_placed(event, [good[n]["session"] for n in order])
        return report
    for row_no in order:
        row = good[row_no]
        made = signups.signup_create(actor=actor, source=SignUp.Source.IMPORT, batch=batch, **row)
        counts = report.per_session.setdefault(made.session.name, [0, 0])
        counts[made.state == places.WAITING] += 1
        report.waiting += made.state == places.WAITING
    report.applied = True
    return report


def _waiting_if_placed(event: Event, sessions: list[Session]) -> int:
    """How many of the rows would wait (the preview's figure), from the places free now."""
    free = {s.pk: places.free_places(s.capacity, s.n_confirmed) for s in sessions_with_counts(event)}
    waiting = 0
    for session in sessions:
        left = free[session.pk]
        if left is None:
            continue
        if left > 0:
            free[session.pk] = left - 1
        else:
            waiting += 1
    return waiting


def signups_undo(*, batch, actor, reason: str) -> int:
    """Cancel the batch's sign-ups still standing; refused when any of them is checked in. Those waiting go first,
    then those holding places from the last signed up, so each place goes to the first waiting outside the batch."""
    made = SignUp.objects.filter(import_batch=batch).exclude(state=places.CANCELLED)
    checked = made.filter(checked_in_at__isnull=False).count()
    if checked:
        raise ValidationError(f"本批次已有 {checked} 条报名签到，不能整批撤销；请逐条取消未签到的报名")
    ordered = sorted(made, key=lambda s: (s.state == places.CONFIRMED, -s.signed_at.timestamp(), -s.pk))
    for signup in ordered:
        signups.signup_cancel(actor=actor, signup=signup, reason=f"撤销导入批次 {batch.pk}：{reason}")
    return len(ordered)

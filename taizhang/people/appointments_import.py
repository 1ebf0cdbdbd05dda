"""The appointment ledger (聘任台账) into the system, whole or nothing: one row a contract, naming the person by
username, the department (which must exist), the post (created under the department with the row's pay when
missing), the term and the performance-pay shares ("30%→35%→40%", "30,35,40" or one number for every year).
A row identical to a contract already in the system changes nothing; every error is reported at once."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append, field_changes
from taizhang.documents.cells import CellError, cell_date
from taizhang.documents.importing import DEFAULT_READING, LedgerImportReport, Reading, open_for_import
from taizhang.documents.importing import cell_text as _text
from taizhang.documents.tabular import RowError
from taizhang.imports.services import later_work
from taizhang.org.models import OrgNode, User
from taizhang.people import contracts
from taizhang.people.models import Contract, Post
from taizhang.people.rules import posts as rules

COLUMNS = ["用户名", "姓名", "部门", "岗位", "岗位工资", "聘期开始", "聘期结束", "绩效薪酬占比"]


def _money(value) -> Decimal | None:
    try:
        amount = Decimal(_text(value).replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and 0 < amount < Decimal("1e9") else None


class _Row:
    def __init__(self, row_no, user, department, post_name, pay, starts_on, ends_on, shares):
        self.row_no, self.user, self.department, self.post_name = row_no, user, department, post_name
        self.pay, self.starts_on, self.ends_on, self.shares = pay, starts_on, ends_on, shares


def appointments_import(
    *, actor, unit: OrgNode, data, filename: str, dry_run: bool = False, reading: Reading = DEFAULT_READING, batch=None
) -> LedgerImportReport:
    report = LedgerImportReport(filename=filename, noun="份合同")
    opened = open_for_import(report, data, filename, COLUMNS, reading=reading)
    if opened is None:
        return report
    table, index = opened
    users = {u.username: u for u in User.objects.filter(unit=unit)}
    departments = {
        d.name: d for d in OrgNode.objects.filter(parent=unit, subtype=OrgNode.Subtype.DEPARTMENT, is_active=True)
    }
    posts = {(p.department_id, p.name): p for p in Post.objects.filter(unit=unit)}
    active = list(Contract.objects.filter(unit=unit, status=Contract.Status.ACTIVE))
    new_posts: dict[tuple, tuple[int, Decimal]] = {}  # (department id, name) -> (first row, pay)
    rows: list[_Row] = []
    for row_no, cells in table.rows:
        report.rows += 1
        problems: list[RowError] = []

        def cell(name, cells=cells):
            return cells[index[name]]

        username = _text(cell("用户名"))
        user = users.get(username)
        if not username:
            problems.append(RowError(row_no, "用户名", None, "用户名不能为空"))
        elif user is None:
            problems.append(RowError(row_no, "用户名", username, f"{unit.name}没有用户名为 {username} 的人员"))
        elif _text(cell("姓名")) and _text(cell("姓名")) != user.full_name:
            problems.append(
                RowError(row_no, "姓名", cell("姓名"), f"用户名 {username} 的姓名是{user.full_name}，与本行不符")
            )
        department = departments.get(_text(cell("部门")))
        if department is None:
            problems.append(
                RowError(
                    row_no, "部门", cell("部门"), f"{unit.name}没有部门“{_text(cell('部门'))}”，请先在组织架构中新建"
                )
            )
        post_name = _text(cell("岗位"))
        if not post_name or len(post_name) > 64:
            problems.append(RowError(row_no, "岗位", cell("岗位"), "岗位不能为空，最多 64 个字"))
        pay = _money(cell("岗位工资"))
        if pay is None:
            problems.append(RowError(row_no, "岗位工资", cell("岗位工资"), "岗位工资应为大于 0 的金额（元/月）"))
        dates = []
        for name in ("聘期开始", "聘期结束"):
            try:
                dates.append(cell_date(cell(name), name))
            except CellError as exc:
                problems.append(RowError(row_no, name, cell(name), exc.message))
        shares = []
        if len(dates) == 2:
            starts_on, ends_on = dates
            try:
                shares = rules.parse_shares(_text(cell("绩效薪酬占比")), rules.term_years(starts_on, ends_on))
            except rules.ShareError as exc:
                problems.append(RowError(row_no, "绩效薪酬占比", cell("绩效薪酬占比"), exc.message))
            else:
                for problem in rules.contract_problems(
                    starts_on=starts_on,
                    ends_on=ends_on,
                    shares=shares,
                    probation_months=0,
                    monthly_pay=pay or Decimal(1),
                ):
                    field = "绩效薪酬占比" if "占比" in problem else "聘期结束"
                    problems.append(RowError(row_no, field, None, problem))
        if department is not None and post_name and pay is not None and (department.pk, post_name) not in posts:
            first = new_posts.setdefault((department.pk, post_name), (row_no, pay))
            if first[1] != pay:
                problems.append(
                    RowError(
                        row_no,
                        "岗位工资",
                        cell("岗位工资"),
                        f"新岗位“{post_name}”在第{first[0]}行的岗位工资是 {first[1]}",
                    )
                )
        if problems:
            for problem in problems:
                report.add(problem)
            continue
        rows.append(_Row(row_no, user, department, post_name, pay, dates[0], dates[1], shares))
    _check_overlaps(rows, active, posts, report)
    report.no_rows()
    if not report.ok:
        return report
    for row in rows:
        report.keep(
            row.row_no,
            {"用户名": row.user.username, "岗位": row.post_name, "绩效薪酬占比": rules.shares_text(row.shares)},
        )
    if dry_run:
        return report
    _write(
        actor=actor, unit=unit, rows=[r for r in rows if not getattr(r, "unchanged", False)], posts=posts, batch=batch
    )
    report.applied = True
    return report


def _check_overlaps(rows: list[_Row], active: list[Contract], posts: dict, report: LedgerImportReport) -> None:
    by_user: dict[int, list] = {}
    for contract in active:
        by_user.setdefault(contract.user_id, []).append(contract)
    seen: dict[int, list[_Row]] = {}
    for row in rows:
        post = posts.get((row.department.pk, row.post_name))
        for contract in by_user.get(row.user.pk, []):
            same = (
                post is not None
                and contract.post_id == post.pk
                and (contract.starts_on, contract.ends_on) == (row.starts_on, row.ends_on)
            )
            if same:
                row.unchanged = True
                report.unchanged += 1
            elif rules.overlaps(contract.starts_on, contract.ends_on, row.starts_on, row.ends_on):
                report.add(
                    RowError(
                        row.row_no,
                        "聘期开始",
                        row.starts_on,
                        f"{row.user.full_name}已有在聘合同（{contract.starts_on:%Y-%m-%d} 至 {contract.ends_on:%Y-%m-%d}）与本行聘期重叠",
                    )
                )
        for other in seen.get(row.user.pk, []):
            if rules.overlaps(other.starts_on, other.ends_on, row.starts_on, row.ends_on):
                report.add(RowError(row.row_no, "聘期开始", row.starts_on, f"与第{other.row_no}行同一人的聘期重叠"))
        seen.setdefault(row.user.pk, []).append(row)
        if not getattr(row, "unchanged", False):
            report.created += 1


def _write(*, actor, unit, rows: list[_Row], posts: dict, batch) -> None:
    contracts.check_manager(actor, unit.pk)
    for row in rows:
        key = (row.department.pk, row.post_name)
        if key not in posts:
            headcount = sum(1 for r in rows if (r.department.pk, r.post_name) == key)
            posts[key] = contracts.post_create(
                actor=actor,
                department=row.department,
                name=row.post_name,
                monthly_pay=row.pay,
                headcount=headcount,
                batch=batch,
            )
    built = [
        contracts.contract_build(
            actor=actor,
            user=row.user,
            post=posts[(row.department.pk, row.post_name)],
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            probation_months=0,
            monthly_pay=row.pay,
            shares=row.shares,
            batch=batch,
        )
        for row in rows
    ]
    created = Contract.objects.bulk_create(built)
    reason = f"导入批次 {batch.pk}" if batch is not None else "导入"
    audit_append(
        [
            contracts.audit_draft(
                c, AuditEntry.Action.IMPORT_CREATE, field_changes({}, contracts.contract_fields(c)), reason
            )
            for c in created
        ],
        actor=actor,
    )


def _gone(contract: Contract) -> dict:
    return {
        label: [change[1], None] for label, change in field_changes({}, contracts.contract_fields(contract)).items()
    }


def appointments_undo(*, batch, actor, reason: str) -> int:
    """Removes the batch's contracts (the audit trail keeps what they were); refused once anything depends on them
    (a renewal, a 竞聘 appointment). Posts the batch created stay."""
    found = Contract.objects.filter(unit_id=batch.unit_id, import_batch=batch).select_related("post", "user")
    blocking = later_work(found, batch)
    if blocking:
        raise ValidationError(f"这一批导入的合同已有后续记录（{'、'.join(blocking)}），不能整批撤销。")
    drafts = [
        contracts.audit_draft(c, AuditEntry.Action.VOID, _gone(c), f"撤销导入批次 {batch.pk}：{reason}") for c in found
    ]
    count = len(drafts)
    found.delete()
    audit_append(drafts, actor=actor)
    return count

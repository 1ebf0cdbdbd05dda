"""The module's reports: one table each (monthly compliance, problem ledger, archive findings, training attendance,
furniture deliveries), as Excel or a printable PDF; and the household's 明白卡 and 帮扶手册."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone

from taizhang.assistance import environment, rules, selectors, trainings
from taizhang.assistance.models import ArchiveFinding, AssistedHousehold, FurnitureNeed, Problem, Visit
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.documents.pdf import column_widths, render_pdf
from taizhang.documents.tabular import write_xlsx
from taizhang.registry.models import LifeStatus


@dataclass
class TableReport:
    title: str
    subtitle: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    landscape: bool = False

    def xlsx(self) -> bytes:
        stream = io.BytesIO()
        write_xlsx(stream, self.columns, self.rows, sheet_title=self.title[:31], text_columns=["户编号"])
        return stream.getvalue()

    def pdf(self, base_url: str) -> bytes:
        context = {
            "report": self,
            "widths": column_widths(self.columns, self.rows, line=160 if self.landscape else 110),
        }
        return render_pdf(render_to_string("assistance/report_pdf.html", context), base_url=base_url)


def _local(moment):
    return timezone.localdate(moment) if moment else ""


def compliance_report(user, month: rules.Month) -> TableReport:
    report = selectors.month_compliance(user, month)
    rows = [
        [h.household_no, h.head, h.community, "、".join(h.helpers), h.valid, h.required, h.result.label]
        for h in report.households
    ]
    return TableReport(
        f"{month.year}年{month.month}月入户走访达标情况",
        f"帮扶户 {report.total.households} 户，达标 {report.total.met} 户，尚差走访 {report.total.missing_visits} 次",
        ["户编号", "户主", "村居", "帮扶责任人", "有效走访", "应走访", "是否达标"],
        rows,
    )


def problems_report(user, month: rules.Month) -> TableReport:
    today = clock.today()
    items = selectors.problem_list(user).filter(found_on__range=(month.first_day, month.last_day))
    rows = [
        [
            p.assisted.household.household_no,
            p.community.name,
            p.category,
            p.description,
            p.found_on,
            p.get_stage_display(),
            p.department.name if p.department else "",
            p.due_date or "",
            _local(p.resolved_at),
            "逾期" if rules.is_overdue(p.due_date, _local(p.resolved_at) or None, today) else "",
        ]
        for p in items
    ]
    return TableReport(
        f"{month.year}年{month.month}月问题台账",
        f"本月发现问题 {len(rows)} 件",
        ["户编号", "村居", "类别", "问题", "发现日期", "进度", "责任部门", "办结期限", "解决日期", "逾期"],
        rows,
        landscape=True,
    )


def archive_report(user) -> TableReport:
    """One row per household: its open 缺项 and 错项 together, as the archive work group goes house by house (and a
    printed list a third as long as one row per finding)."""
    findings = (
        ArchiveFinding.objects.visible_to(user)
        .filter(fixed_at__isnull=True)
        .select_related("assisted__household__head", "community", "group")
        .order_by("assisted__household__household_no", "id")
    )
    households: dict[int, list] = {}
    count = 0
    for f in findings:
        count += 1
        row = households.get(f.assisted_id)
        if row is None:
            household = f.assisted.household
            head = household.head.name if household.head else ""
            row = households[f.assisted_id] = [household.household_no, head, f.community.name, [], [], []]
        if f.kind == ArchiveFinding.Kind.MISSING:
            row[3].append(f.item)
        else:
            row[4].append(f"{f.item}：{f.detail}")
        if f.group and f.group.name not in row[5]:
            row[5].append(f.group.name)
    rows = [
        [no, head, community, "、".join(missing), "；".join(wrong), "、".join(groups)]
        for no, head, community, missing, wrong, groups in households.values()
    ]
    return TableReport(
        "一户一档缺项错项待整改清单",
        f"{len(rows)} 户待整改 {count} 处（截至 {clock.today():%Y-%m-%d}）",
        ["户编号", "户主", "村居", "缺项", "错项", "整改工作组"],
        rows,
    )


def training_report(user, month: rules.Month) -> TableReport:
    rows = []
    for session, present, expected in trainings.sessions_with_rates(user, month.first_day, month.last_day):
        absent = session.attendance.filter(present=False).select_related("helper")
        rows.append(
            [
                session.date,
                session.topics,
                expected if session.held else "",
                present if session.held else "",
                "、".join(f"{a.helper.full_name}{'（' + a.note + '）' if a.note else ''}" for a in absent)
                if session.held
                else "未召开",
            ]
        )
    return TableReport(
        f"{month.year}年{month.month}月调度培训出席情况",
        f"培训 {len(rows)} 次",
        ["日期", "培训内容", "应到", "实到", "缺席"],
        rows,
    )


def deliveries_report(user) -> TableReport:
    rows, spent = environment.balance(user)
    table = [[b.item, b.needed, b.bought, b.delivered, b.owed, b.to_buy] for b in rows]
    pending = FurnitureNeed.objects.visible_to(user).filter(status=RecordStatus.ACTIVE, delivered_on__isnull=True)
    return TableReport(
        "人居环境家具采购与送达",
        f"已采购金额 {spent} 元；尚有 {pending.count()} 项未送达到户",
        ["家具", "需求", "已采购", "已送达", "尚欠送达", "尚需采购"],
        table,
    )


REPORTS = {
    "compliance": ("入户走访达标", lambda user, month: compliance_report(user, month)),
    "problems": ("问题台账", lambda user, month: problems_report(user, month)),
    "archives": ("一户一档缺项错项", lambda user, month: archive_report(user)),
    "trainings": ("调度培训出席", lambda user, month: training_report(user, month)),
    "deliveries": ("家具采购与送达", lambda user, month: deliveries_report(user)),
}


# --- the household's own documents ----------------------------------------------------------------


def household_papers(user, assisted: AssistedHousehold) -> dict:
    """Everything the 明白卡 and the 帮扶手册 print about one household."""
    household = assisted.household
    members = list(household.members.filter(status=RecordStatus.ACTIVE).order_by("id"))
    facts = [
        rules.MemberFacts(
            m.name, m.id_number, m.life_status == LifeStatus.ALIVE, m.is_student, bool(m.disability_category)
        )
        for m in members
    ]
    today = clock.today()
    helpers = selectors.helpers_on(assisted, today)
    visits = selectors.judged(
        Visit.objects.filter(assisted=assisted, status=RecordStatus.ACTIVE)
        .prefetch_related("helpers")
        .order_by("started_at"),
        assisted.unit_id,
    )
    problems = list(
        Problem.objects.filter(assisted=assisted, status=RecordStatus.ACTIVE)
        .select_related("department")
        .order_by("found_on")
    )
    cleanings = list(assisted.cleanings.filter(status=RecordStatus.ACTIVE).order_by("date"))
    return {
        "assisted": assisted,
        "household": household,
        "members": members,
        "helpers": helpers,
        "today": today,
        "benefits": rules.derived_benefits(facts, household.tag_list)
        + [line.strip() for line in assisted.benefits.splitlines() if line.strip()],
        "measures": [line.strip() for line in assisted.measures.splitlines() if line.strip()],
        "visits": visits,
        # Only visits the rules count (not voided, long enough): the card is the household's proof of the work.
        "visits_this_year": sum(1 for v in visits if v.counted and v.visit_date.year == today.year),
        "problems": problems,
        "problems_resolved": sum(1 for p in problems if p.resolved_at),
        "deliveries": list(
            FurnitureNeed.objects.filter(
                assisted=assisted, status=RecordStatus.ACTIVE, delivered_on__isnull=False
            ).order_by("delivered_on")
        ),
        "cleanings": cleanings,
        "last_cleaning": cleanings[-1] if cleanings else None,
        "archive_open": list(assisted.archive_findings.filter(fixed_at__isnull=True)),
    }

"""The report as files: an Excel workbook (概况, 场次, 展销摊位, 比赛成绩, and 预算执行 when the budget part is
installed) and a printable A4 PDF with the figures, the brief and the photos picked for it."""

from __future__ import annotations

import base64
import io

from django.template.loader import render_to_string

from taizhang.documents.pdf import render_pdf
from taizhang.events import selectors_plan
from taizhang.events.selectors_report import Report


def overview_rows(report: Report) -> list[tuple[str, object]]:
    event, total, sales = report.event, report.total, report.sales
    rows = [
        ("活动名称", event.name),
        ("活动日期", event.starts_on.isoformat()),
        ("地点", event.place),
        ("主办", event.organiser or event.unit.name),
        ("参与群众（人次）", report.crowd),
        ("现场签到统计（人次）", report.counted),
        ("报名（条）", total.confirmed),
        ("候补（条）", total.waiting),
        ("签到（条）", total.checked_in),
        ("未到（条）", total.no_shows),
        ("现场登记（条）", total.walk_ins),
        ("展销摊位（个）", sales.stalls),
        ("填报销售额的摊主（户）", sales.reporting),
        ("销售额合计（元）", sales.total),
        ("简报", report.brief),
    ]
    return rows


def _sheet(book, title: str, headers: list[str], rows) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet = book.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E9ECEF")
    for row in rows:
        sheet.append([("'" + v if isinstance(v, str) and v.startswith("=") else v) for v in row])
    for i, header in enumerate(headers, start=1):
        width = max([len(str(header)) * 2] + [len(str(r[i - 1] or "")) * 2 for r in rows[:200]] + [8])
        sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = min(width + 2, 60)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def workbook(report: Report) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    _sheet(book, "概况", ["项目", "内容"], [list(r) for r in overview_rows(report)])
    _sheet(
        book,
        "场次",
        ["场次", "类别", "报名", "候补", "签到", "未到", "现场登记", "报名人数", "签到人数"],
        [
            [
                r.session.name,
                r.session.get_kind_display(),
                r.confirmed,
                r.waiting,
                r.checked_in,
                r.no_shows,
                r.walk_ins,
                r.people,
                r.people_checked_in,
            ]
            for r in report.rows
        ],
    )
    _sheet(
        book,
        "展销摊位",
        ["摊位", "摊主", "村居/合作社", "展销产品", "销售额（元）"],
        [[v.stall.number if v.stall else "", v.holder, v.village, v.produce, v.sales] for v in report.vendors],
    )
    _sheet(
        book,
        "比赛成绩",
        ["项目", "名次", "队名/姓名", "成绩", "奖品"],
        [[g.name, r.place, r.entrant, r.score, r.prize] for g in report.games for r in g.entries],
    )
    if report.event.budget_lines.exists():
        _sheet(book, "预算执行", selectors_plan.BUDGET_COLUMNS, selectors_plan.budget_table(report.event))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _data_uri(photo) -> str:
    with photo.image.open("rb") as f:
        return "data:image/jpeg;base64," + base64.b64encode(f.read()).decode()


def pdf(report: Report, photos, *, base_url: str | None) -> bytes:
    pictures = [(p.caption, _data_uri(p)) for p in photos]
    html = render_to_string("events/report_pdf.html", {"report": report, "pictures": pictures})
    return render_pdf(html, base_url=base_url)

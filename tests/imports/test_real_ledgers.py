"""Every ledger the installed apps declare reads a workbook as a township keeps it: an instructions sheet first, a
title merged above the header, the headers written their own way, a footer — as .xlsx and as an old .xls."""

import io

import pytest
import xlwt
from openpyxl import Workbook

from taizhang.documents.importing import DEFAULT_READING
from taizhang.documents.tabular import COMMON_SYNONYMS
from taizhang.imports.ledgers import all_ledgers

# Ledgers kept per record (a renewal project, a 竞聘 round, a cycle, an event's sign-up list) and the zone figures (a
# development zone naming itself in the file) are read the same way in their modules' tests
# (tests/people/test_kpi_ledgers.py, test_zone_ledger.py, test_posts_imports.py, tests/events/test_signups_import.py).
PER_RECORD = (
    "renewal.",
    "people.kpi",
    "people.reviews",
    "people.zone_",
    "people.round-scores",
    "enterprise.award-scores",
    "events.signups",
)
UNIT_LEDGERS = [ledger for ledger in all_ledgers() if not ledger.key.startswith(PER_RECORD)]
FOOTER = "填表人：王主任    审核人：李书记    填表日期：2026年11月30日"


def written_their_way(name: str) -> str:
    """The header as a township writes it: the first synonym the kernel knows, else the name itself."""
    return next(iter(COMMON_SYNONYMS.get(name, ())), name)


def xlsx(ledger) -> bytes:
    book = Workbook()
    book.active.title = "填表说明"
    book.active.append(["请按模板填写，一行一条记录。"])
    sheet = book.create_sheet("台账")
    sheet.append([f"新市镇{ledger.title}（2026年11月）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(ledger.columns) + 1)
    sheet.append(["序号", *(written_their_way(name) for name in ledger.columns)])
    sheet.append([1, *(ledger.examples.get(name, "") for name in ledger.columns)])
    sheet.append([FOOTER])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xls(ledger) -> bytes:
    book = xlwt.Workbook()
    book.add_sheet("填表说明").write(0, 0, "请按模板填写，一行一条记录。")
    sheet = book.add_sheet("台账")
    sheet.write_merge(0, 0, 0, len(ledger.columns), f"新市镇{ledger.title}（2026年11月）")
    for col, text in enumerate(["序号", *(written_their_way(name) for name in ledger.columns)]):
        sheet.write(1, col, text)
    for col, value in enumerate([1, *(ledger.examples.get(name, "") for name in ledger.columns)]):
        sheet.write(2, col, value)
    sheet.write(3, 0, FOOTER)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def checked_as_kept(ledger, actor, make, suffix: str):
    """The dry run of the workbook `make` writes, into the actor's first target."""
    return ledger.run(
        actor=actor,
        target=ledger.targets(actor)[0],
        data=make(ledger),
        filename=f"{ledger.title}.{suffix}",
        reading=DEFAULT_READING,
        batch=None,
        dry_run=True,
    )


@pytest.mark.parametrize("make, suffix", [(xlsx, "xlsx"), (xls, "xls")])
@pytest.mark.parametrize("ledger", UNIT_LEDGERS, ids=lambda ledger: ledger.key)
def test_the_ledger_finds_its_header_below_the_title_on_the_second_sheet(seeded, ledger, make, suffix):
    report = checked_as_kept(ledger, seeded.xs_admin, make, suffix)
    assert (report.sheet_name, report.header_row) == ("台账", 2)
    assert set(report.columns) == set(ledger.columns) and report.unknown_columns == []
    assert report.rows == 1 and report.skipped and report.skipped[0][0] == 4
    assert all(error.row == 3 for error in report.errors), [e.as_text() for e in report.errors]

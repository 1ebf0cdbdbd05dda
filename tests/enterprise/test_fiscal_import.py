"""The revenue ledger (`年度, 来源, 金额（万元）`) through the kernel's import pipeline, its page and the command:
whole or nothing, every error of the file at once naming row, field and reason, a batch that can be undone."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from taizhang.documents.importing import Target
from taizhang.enterprise.fiscal_import import COLUMNS
from taizhang.enterprise.models import Revenue
from taizhang.imports.ledgers import declared
from taizhang.imports.services import batch_void, import_run
from tests.conftest import csv_bytes, xlsx_bytes


def _run(ez, data, filename="财政收入.csv", dry_run=False, actor=None):
    return import_run(
        ledger=declared("enterprise.revenue"),
        actor=actor,
        target=Target(unit=ez.unit, label=ez.unit.name),
        data=data,
        filename=filename,
        dry_run=dry_run,
    )


def active(ez):
    return {(r.year, r.source.name): r.amount for r in Revenue.objects.filter(unit=ez.unit, status="active")}


def test_a_workbook_of_revenue_is_imported_as_one_batch(ez):
    rows = [("2022", "增值税", "1,285.6"), ("2022年", "非税收入", "300"), ("2023", "土地出让收入", "0")]
    report, batch = _run(ez, xlsx_bytes(rows, header=COLUMNS), filename="财政收入.xlsx", actor=ez.officer)
    assert report.ok and report.applied, report.errors
    assert active(ez) == {
        (2022, "增值税"): Decimal("1285.6"),
        (2022, "非税收入"): Decimal(300),
        (2023, "土地出让收入"): 0,
    }
    assert Revenue.objects.filter(import_batch=batch).count() == 3


def test_every_bad_row_is_reported_at_once_and_nothing_is_written(ez, books):
    rows = [
        ("2022", "增值税", "100"),  # good
        ("22", "增值税", "100"),  # year
        ("2022", "印花税", "100"),  # no such source
        ("2022", "企业所得税", "一百"),  # amount
        ("2022", "增值税", "200"),  # repeats row 2
        ("2020", "增值税", "999"),  # differs from what is recorded (1100)
        ("2020", "企业所得税", "600.5"),  # as recorded: left alone
        ("", "非税收入", "-5"),
    ]
    report, _ = _run(ez, csv_bytes(rows, header=COLUMNS))
    assert not report.ok and not report.applied
    found = {(e.row, e.column): e.reason for e in report.errors}
    assert "四位数字" in found[(3, "年度")]
    assert "没有这个收入来源" in found[(4, "来源")] and "增值税" in found[(4, "来源")]
    assert "应是数字" in found[(5, "金额（万元）")]
    assert "与第2行重复" in found[(6, "来源")]
    assert "已登记 1100.0000 万元" in found[(7, "金额（万元）")]
    assert "年度不能为空" in found[(9, "年度")] and "负数" in found[(9, "金额（万元）")]
    assert len(report.errors) == 7
    assert Revenue.objects.filter(unit=ez.unit, year=2022).count() == 0


def test_rows_already_recorded_are_counted_and_undoing_the_batch_voids_what_it_added(ez, books):
    rows = [("2020", "增值税", "1100"), ("2022", "增值税", "1300")]
    report, batch = _run(ez, csv_bytes(rows, header=COLUMNS))
    assert (report.created, report.unchanged) == (1, 1)
    batch_void(batch=batch, actor=ez.officer, reason="导错了年度")
    assert (2022, "增值税") not in active(ez) and active(ez)[(2020, "增值税")] == Decimal(1100)
    assert Revenue.objects.get(unit=ez.unit, year=2022).void_reason == "导错了年度"


def test_the_command_imports_the_file_and_prints_the_batch(ez, tmp_path, capsys):
    path = tmp_path / "收入.csv"
    path.write_bytes(csv_bytes([("2022", "增值税", "10")], header=COLUMNS))
    call_command("import-revenue", str(path), "--unit", "新市镇")
    assert "导入批次" in capsys.readouterr().out
    path.write_bytes(csv_bytes([("2022", "无此来源", "10")], header=COLUMNS))
    with pytest.raises(SystemExit):
        call_command("import-revenue", str(path), "--unit", "新市镇")
    printed = capsys.readouterr().out
    assert "第2行" in printed and "没有这个收入来源" in printed and "没有写入任何数据" in printed


def test_the_officer_finds_the_ledger_on_the_import_page(ez, login):
    text = login(ez.officer).get("/imports/").content.decode()
    assert "开发区财政收入" in text

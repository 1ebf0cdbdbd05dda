"""`taizhang crosscheck --project 项目名 --police FILE [-o FILE.xlsx]`: one `类别: 人数` line per category."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from taizhang.renewal.crosscheck import POLICE_COLUMNS
from taizhang.renewal.models import CrosscheckRun, CrosscheckTask
from tests.conftest import csv_bytes
from tests.renewal.test_crosschecks_services import police_world

LINES = ["一致: 3", "公安无此人: 1", "台账未登记: 1", "姓名不符: 1", "冻结后迁入: 1", "死亡或注销: 1", "重复登记: 1"]


def crosscheck(*args) -> tuple[list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("crosscheck", *args, stdout=out, stderr=err)
    return out.getvalue().splitlines(), err.getvalue()


def test_the_command_prints_one_line_per_category_and_stores_the_tasks(renewal, tmp_path):
    police = tmp_path / "公安.csv"
    police.write_bytes(csv_bytes(police_world(renewal), POLICE_COLUMNS, encoding="gbk"))
    details = tmp_path / "明细.xlsx"
    lines, err = crosscheck("--project", "老城区棚改", "--police", str(police), "-o", str(details))
    assert lines == LINES
    assert "明细.xlsx" in err
    rows = list(load_workbook(details).active.iter_rows(values_only=True))
    assert len(rows) == 8 and rows[0][0] == "类别"  # six discrepancies and the match by 繁简字
    run = CrosscheckRun.objects.get()
    assert run.run_by is None and run.filename == "公安.csv"
    assert CrosscheckTask.objects.filter(run=run, group=renewal.population).count() == 6


def test_without_an_output_file_only_the_lines_are_printed(renewal, tmp_path):
    police = tmp_path / "公安.csv"
    police.write_bytes(csv_bytes(police_world(renewal), POLICE_COLUMNS))
    lines, err = crosscheck("--project", "老城区棚改", "--police", str(police))
    assert lines == LINES and err == ""


def test_a_bad_file_prints_its_errors_exits_1_and_stores_nothing(renewal, tmp_path, capsys):
    police = tmp_path / "公安.csv"
    police.write_bytes(csv_bytes([["张三", "370125199001011234"]], ["姓名", "身份证号"]))
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("crosscheck", "--project", "老城区棚改", "--police", str(police), stdout=out)
    assert exit_.value.code == 1
    assert "缺少必填列：户号、住址、迁入日期、户籍状态" in out.getvalue() and "没有写入任何数据" in out.getvalue()
    assert not CrosscheckRun.objects.exists()


def test_an_unknown_project_or_file_is_a_clear_error(renewal, tmp_path):
    police = tmp_path / "公安.csv"
    police.write_bytes(csv_bytes(police_world(renewal), POLICE_COLUMNS))
    with pytest.raises(CommandError, match="没有名为"):
        crosscheck("--project", "不存在", "--police", str(police))
    with pytest.raises(CommandError, match="找不到文件"):
        crosscheck("--project", "老城区棚改", "--police", str(tmp_path / "none.csv"))


def test_preview_prints_the_coverage_and_what_would_change_and_writes_nothing(renewal, tmp_path):
    police = tmp_path / "公安.csv"
    police.write_bytes(csv_bytes(police_world(renewal), POLICE_COLUMNS))
    lines, err = crosscheck("--project", "老城区棚改", "--police", str(police), "--preview")
    assert lines[:3] == ["覆盖 城里居: 2/2 (100.0%)", "覆盖 东关居: 6/7 (85.7%)", "覆盖 合计: 8/9 (88.9%)"]
    assert lines[3:10] == LINES
    assert lines[10:] == ["将取代上次比对未处理任务: 0", "预览，没有写入任何数据。"] and err == ""
    assert not CrosscheckRun.objects.exists()


def test_a_partial_file_is_refused_unless_confirmed(renewal, tmp_path):
    police = tmp_path / "公安.csv"
    police.write_bytes(csv_bytes([r for r in police_world(renewal) if r[2] == "H001"], POLICE_COLUMNS))
    lines, err = crosscheck("--project", "老城区棚改", "--police", str(police), "--preview")
    assert "覆盖 合计: 3/9 (33.3%)" in lines and "低于 80%" in err
    with pytest.raises(CommandError, match="--confirm-partial"):
        crosscheck("--project", "老城区棚改", "--police", str(police))
    assert not CrosscheckRun.objects.exists()
    lines, err = crosscheck("--project", "老城区棚改", "--police", str(police), "--confirm-partial")
    assert "公安无此人: 6" in lines and CrosscheckRun.objects.count() == 1

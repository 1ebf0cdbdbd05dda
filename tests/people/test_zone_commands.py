"""import-zone-figures and zone-assessment: the same ledger and assessment as the pages."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.imports.models import ImportBatch
from taizhang.people.models import ZoneFigure
from tests.conftest import csv_bytes
from tests.people.zone_data import HEADER, figure_rows, figures_file


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def figures(tmp_path):
    path = tmp_path / "2020年开发区指标.csv"
    path.write_bytes(figures_file())
    return path


def test_the_figures_import_finds_the_zone_by_its_name_and_prints_the_batch(district_zone, world, figures):
    out = run("import-zone-figures", str(figures), "--year", "2020")
    batch = ImportBatch.objects.get(ledger="people.zone_figures")
    assert batch.unit == world.xinshi and batch.target == "新市镇 2020 年度"
    assert "新市镇 2020 年度：" in out and "共 44 行：已导入 2020 年度 5 个开发区的 44 条数据" in out
    assert f"导入批次: {batch.pk}" in out


def test_the_assessment_prints_each_zones_total_and_rank(district_zone, world, figures):
    run("import-zone-figures", str(figures), "--year", "2020")
    assert run("zone-assessment", "--year", "2020").splitlines() == [
        "开发区,总分,排名",
        "济南新材料产业园,98.00,1",
        "新市镇,90.00,2",
        "平阴工业园,80.40,3",
        "商河经济开发区,72.30,4",
        "济北开发区（旧址）,60.80,5",
    ]
    with pytest.raises(CommandError, match="没有 2019 年度的开发区考核数据"):
        run("zone-assessment", "--year", "2019")


def test_a_dry_run_checks_without_writing(district_zone, figures):
    assert "检查通过（未写入）" in run("import-zone-figures", str(figures), "--year", "2020", "--dry-run")
    assert not ZoneFigure.objects.exists()


def test_a_file_naming_no_zone_of_the_tree_is_an_error(district_zone, tmp_path):
    path = tmp_path / "peers.csv"
    path.write_bytes(csv_bytes([r for r in figure_rows() if r[0] != "新市镇"], header=HEADER))
    with pytest.raises(CommandError, match="文件中没有系统中的开发区.*现有开发区：新市镇"):
        run("import-zone-figures", str(path), "--year", "2020")


def test_bad_rows_are_all_printed_and_nothing_is_written(district_zone, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([["新市镇", "营业收入", "很多"], ["新市镇", "能耗", "1"]], header=HEADER))
    out = StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("import-zone-figures", str(path), "--year", "2020", stdout=out)
    assert exit.value.code == 1
    text = out.getvalue()
    assert "第2行「数值」“很多”：数值应是数字" in text and "第3行「指标」“能耗”：没有这项指标" in text
    assert "共 2 处错误，没有写入任何数据。" in text and not ZoneFigure.objects.exists()


def test_a_year_out_of_range_is_refused(district_zone, figures):
    with pytest.raises(CommandError, match="年度应在 2000—2100 之间"):
        run("import-zone-figures", str(figures), "--year", "20201")

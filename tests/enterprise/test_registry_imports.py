"""The registry's ledgers: enterprises (an existing code updates its enterprise) and a year's figures (an existing
figure is replaced), whole or nothing with every row error at once, undone exactly; and their commands."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from taizhang.documents.importing import Target
from taizhang.enterprise import registry
from taizhang.enterprise.ledgers_registry import year_target
from taizhang.enterprise.models import Enterprise, EnterpriseFigure, ImportedChange
from taizhang.enterprise.registry_import import COLUMNS, FIGURE_COLUMNS
from taizhang.enterprise.rules.uscc import with_check
from taizhang.imports.ledgers import declared
from taizhang.imports.models import ImportBatch
from taizhang.imports.services import batch_void, import_run
from tests.conftest import csv_bytes
from tests.enterprise.conftest import CODES

NEW = [with_check(f"91370125MA3E{n:05d}") for n in range(1, 4)]


def _import(ez, key, rows, header, *, target=None, dry_run=False):
    return import_run(
        ledger=declared(key),
        actor=ez.officer,
        target=target or Target(unit=ez.unit, label=ez.unit.name),
        data=csv_bytes(rows, header=header),
        filename="企业.csv",
        dry_run=dry_run,
    )


def _enterprises(ez, rows, **kwargs):
    return _import(ez, "enterprise.enterprises", rows, COLUMNS, **kwargs)


def _figures(ez, rows, year=2020, **kwargs):
    return _import(ez, "enterprise.figures", rows, FIGURE_COLUMNS, target=year_target(ez.unit, year), **kwargs)


GOOD = [
    [NEW[0], "济南新创食品有限公司", "食品饮料城", "食品饮料", "新产业、规上", "35.5"],
    [NEW[1].lower(), "山东云智科技有限公司", "", "", "", ""],
    [CODES[0], "济南鲁味食品股份有限公司", "食品饮料城", "食品饮料", "新技术、高新", "55"],
]


def test_a_good_file_creates_the_new_codes_and_updates_a_known_one(ez):
    report, batch = _enterprises(ez, GOOD)
    assert report.ok and batch is not None, report.errors
    assert (report.created, report.updated, report.unchanged) == (2, 1, 0)
    created = Enterprise.objects.get(unit=ez.unit, uscc=NEW[0])
    assert created.park == ez.food and created.chain == ez.food_chain and created.land_mu == Decimal("35.50")
    assert created.tag_new_industry and created.tag_above_scale and created.is_four_new
    assert Enterprise.objects.get(unit=ez.unit, uscc=NEW[1]).park is None  # a lower-case code is normalised
    updated = Enterprise.objects.get(pk=ez.enterprises[0].pk)
    assert updated.name == "济南鲁味食品股份有限公司" and updated.tag_high_tech and updated.land_mu == Decimal(55)
    assert list(updated.links.all()) == [ez.links["食品加工"]]  # the same chain keeps its link
    assert ImportedChange.objects.filter(import_batch=batch).count() == 3


def test_a_file_that_changes_nothing_says_so(ez):
    same = [[CODES[2], "济阳黄河饮品有限公司", "食品饮料城", "食品饮料", "", "30"]]
    report, _ = _enterprises(ez, same)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)


def test_every_bad_row_is_reported_at_once_and_nothing_is_written(ez):
    valid = NEW[2]
    wrong_check = valid[:-1] + ("0" if valid[-1] != "0" else "1")
    rows = [
        [wrong_check, "校验位错", "", "", "", ""],
        ["91370125MI3C00009X", "禁用字母", "", "", "", ""],
        ["91370125MA3C0001", "位数不对", "", "", "", ""],
        [valid, "未知园区", "火星园", "", "", ""],
        [with_check("91370125MA3E00009"), "未知产业链", "", "航天", "", ""],
        [with_check("91370125MA3E00010"), "未知标签", "", "", "规上、独角兽", "abc"],
        [with_check("91370125MA3E00011"), "", "", "", "", "-3"],
        [valid, "重复", "", "", "", ""],
    ]
    before = Enterprise.objects.count()
    report, batch = _enterprises(ez, rows)
    assert batch is None and Enterprise.objects.count() == before
    found = {(e.row, e.column) for e in report.errors}
    assert found == {
        (2, "统一社会信用代码"),
        (3, "统一社会信用代码"),
        (4, "统一社会信用代码"),
        (5, "园区"),
        (6, "产业链"),
        (7, "标签"),
        (7, "用地面积"),
        (8, "企业名称"),
        (8, "用地面积"),
        (9, "统一社会信用代码"),
    }
    reasons = {e.row: e.reason for e in report.errors if e.column == "统一社会信用代码"}
    assert "校验位错误" in reasons[2] and "I" in reasons[3] and "18 位" in reasons[4] and "第5行" in reasons[9]


def test_undoing_an_enterprise_batch_removes_what_it_created_and_restores_what_it_changed(ez):
    _, batch = _enterprises(ez, GOOD)
    assert batch_void(batch=batch, actor=ez.admin, reason="导错了文件") == 3
    assert not Enterprise.objects.filter(uscc__in=NEW[:2]).exists()
    restored = Enterprise.objects.get(pk=ez.enterprises[0].pk)
    assert restored.name == "济南鲁味食品有限公司" and not restored.tag_high_tech and restored.land_mu == Decimal(50)
    assert restored.tag_new_technology and list(restored.links.all()) == [ez.links["食品加工"]]
    assert not ImportedChange.objects.filter(import_batch=batch).exists()


def test_an_enterprise_batch_edited_by_hand_since_cannot_be_undone(ez):
    _, batch = _enterprises(ez, GOOD)
    enterprise = Enterprise.objects.get(uscc=NEW[0])
    registry.enterprise_save(actor=ez.officer, unit_id=ez.unit.pk, enterprise=enterprise, uscc=NEW[0], name="改过名")
    with pytest.raises(ValidationError, match="之后又有修改"):
        batch_void(batch=batch, actor=ez.admin, reason="导错了文件")


def test_a_batch_whose_new_enterprise_has_figures_of_another_batch_cannot_be_undone(ez):
    _, batch = _enterprises(ez, GOOD)
    _figures(ez, [[NEW[0], "100", "5", "", "", ""]])
    with pytest.raises(ValidationError, match="后续数据"):
        batch_void(batch=batch, actor=ez.admin, reason="导错了文件")


def test_figures_replace_the_years_figures_shown_as_such_in_the_preview_and_undo_brings_them_back(ez):
    rows = [[CODES[0], "12，000.5", "600", "13000", "350", "900"], [CODES[2], "8000", "", "", "", ""]]
    preview, _ = _figures(ez, rows, dry_run=True)
    assert preview.ok and (preview.created, preview.replaced) == (0, 2)
    assert preview.stored[0][1]["处理"] == "替换已有 2020 年度数据"
    report, batch = _figures(ez, rows)
    figure = EnterpriseFigure.objects.get(enterprise=ez.enterprises[0], year=2020)
    assert figure.revenue == Decimal("12000.5") and figure.energy == Decimal(900)
    assert EnterpriseFigure.objects.get(enterprise=ez.enterprises[2], year=2020).tax is None
    batch_void(batch=batch, actor=ez.admin, reason="统计口径有误")
    figure.refresh_from_db()
    assert figure.revenue == Decimal(10001) and figure.tax == Decimal(500) and figure.import_batch is None


def test_new_figures_are_created_and_removed_by_the_undo(ez):
    report, batch = _figures(ez, [[CODES[1], "50000", "2500", "", "", ""]], year=2021)
    assert (report.created, report.replaced) == (1, 0)
    batch_void(batch=batch, actor=ez.admin, reason="导错年度")
    assert not EnterpriseFigure.objects.filter(year=2021).exists()


def test_a_figure_row_needs_a_known_enterprise_of_the_unit_and_numbers(ez, jy_enterprise):
    rows = [
        [jy_enterprise.uscc, "100", "", "", "", ""],
        [CODES[0], "一百", "-1", "", "", ""],
        [CODES[1], "", "", "", "", ""],
    ]
    report, batch = _figures(ez, rows)
    assert batch is None
    assert {(e.row, e.column) for e in report.errors} == {
        (2, "统一社会信用代码"),
        (3, "营业收入"),
        (3, "税收"),
        (4, "营业收入"),
    }
    assert "新市镇没有这家企业" in report.errors[0].reason


def test_the_commands_mirror_the_import_pages(ez, tmp_path):
    names = tmp_path / "名录.csv"
    names.write_bytes(csv_bytes(GOOD, header=COLUMNS))
    out = io.StringIO()
    call_command("import-enterprises", str(names), "--unit", "新市镇", stdout=out)
    assert "新增 2 家，更新 1 家" in out.getvalue() and "导入批次" in out.getvalue()
    figures = tmp_path / "数据.csv"
    figures.write_bytes(csv_bytes([[NEW[0], "300", "12", "", "", ""]], header=FIGURE_COLUMNS))
    call_command("import-enterprise-figures", str(figures), "--year", "2020", stdout=out)  # the codes' unit
    assert EnterpriseFigure.objects.get(enterprise__uscc=NEW[0], year=2020).revenue == Decimal(300)
    bad = tmp_path / "坏.csv"
    bad.write_bytes(csv_bytes([["123", "某公司", "", "", "", ""]], header=COLUMNS))
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import-enterprises", str(bad), "--unit", "新市镇", stdout=out)
    assert "第2行" in out.getvalue() or "统一社会信用代码" in out.getvalue()


def test_the_import_page_offers_both_ledgers_to_the_zones_staff_only(ez, login, world):
    text = login(ez.officer).get("/imports/").content.decode()
    assert "企业名录" in text and "企业年度数据" in text
    assert "企业年度数据" not in login(world.leader).get("/imports/").content.decode()


def test_the_import_pages_preview_a_replaced_figure_then_confirm_and_undo_the_batch(ez, login, clock):
    clock.set(date(2022, 5, 1))  # the pages offer this year and the five before
    client = login(ez.officer)
    data = csv_bytes([[CODES[1], "30000", "1500", "", "", ""]], header=FIGURE_COLUMNS)
    file = SimpleUploadedFile("2020年企业数据.csv", data, content_type="text/csv")
    response = client.post("/imports/upload/?ledger=enterprise.figures", {"file": file, "target": "2020"})
    assert response.status_code == 302, response.content.decode()[:2000]
    preview = response["Location"]
    page = client.get(preview).content.decode()
    assert "替换已有 2020 年度数据" in page and "替换已有（家）" in page
    response = client.post(preview + "confirm/")
    batch = ImportBatch.objects.get(ledger="enterprise.figures")
    assert response["Location"] == f"/imports/batches/{batch.pk}/"
    assert EnterpriseFigure.objects.get(enterprise=ez.enterprises[1], year=2020).revenue == Decimal(30000)
    client = login(ez.admin)  # the kernel leaves undoing a batch to the unit admin
    assert client.post(f"/imports/batches/{batch.pk}/void/", {"reason": "口径错了"}).status_code == 302
    assert EnterpriseFigure.objects.get(enterprise=ez.enterprises[1], year=2020).revenue == Decimal(20001)


def test_moving_an_enterprise_to_another_chain_drops_its_old_links_and_the_undo_brings_them_back(ez):
    row = [CODES[1], "山东齐鲁智造有限公司", "食品饮料城", "食品饮料", "高新技术企业、规上", "120"]
    _, batch = _enterprises(ez, [row])
    moved = Enterprise.objects.get(pk=ez.enterprises[1].pk)
    assert moved.chain == ez.food_chain and not moved.links.exists()
    batch_void(batch=batch, actor=ez.admin, reason="链归属错了")
    assert list(Enterprise.objects.get(pk=moved.pk).links.all()) == [ez.links["整机装配"]]

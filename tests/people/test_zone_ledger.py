"""The zone figures ledger reads a workbook as a zone keeps it (an instructions sheet, a title above the header,
a footer; .xlsx and .xls), and is offered on the kernel's import pages to the zone's committee."""

from decimal import Decimal

import pytest

from taizhang.core import clock
from taizhang.imports.ledgers import declared
from tests.imports.test_real_ledgers import checked_as_kept, xls, xlsx


@pytest.mark.parametrize("make, suffix", [(xlsx, "xlsx"), (xls, "xls")])
def test_the_ledger_finds_its_header_below_the_title_on_the_second_sheet(district_zone, world, make, suffix):
    world.xinshi.name = "济北开发区"  # the name the ledger's example row gives
    world.xinshi.save(update_fields=["name"])
    ledger = declared("people.zone_figures")
    report = checked_as_kept(ledger, district_zone.committee, make, suffix)
    assert (report.sheet_name, report.header_row) == ("台账", 2)
    assert set(report.columns) == {"开发区", "指标", "数值"} and report.unknown_columns == []
    assert report.rows == 1 and report.skipped[0][0] == 4 and report.ok, [e.as_text() for e in report.errors]
    assert report.stored == [(3, {"开发区": "济北开发区", "指标": "营业收入", "数值": Decimal("1285.6")})]


def test_the_upload_page_offers_the_zones_years(district_zone, login):
    text = login(district_zone.committee).get("/imports/upload/?ledger=people.zone_figures").content.decode()
    this_year = clock.today().year
    assert "开发区考核数据" in text
    assert all(f"新市镇 {year} 年度" in text for year in range(this_year - 5, this_year + 1))
    assert f"新市镇 {this_year - 6} 年度" not in text

"""The pay pages: the committee prepares, adjusts, confirms and withdraws a sheet; Excel with its total; a person's
statement PDF for them and the committee only; the figure; other units get 404; query-count guards."""

import io
from decimal import Decimal

import openpyxl
import pytest

from taizhang.people import pay
from taizhang.people.models import PaySheet
from tests.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(assessed_zone):
    return pay.sheet_prepare(actor=assessed_zone.committee, cycle=assessed_zone.cycle)


def url(zone, tail=""):
    return f"/people/pay/cycle/{zone.cycle.pk}/{tail}"


def test_the_committee_prepares_a_draft_from_the_locked_results(assessed_zone, login):
    client = login(assessed_zone.committee)
    assert "编制发放表草稿" in client.get(url(assessed_zone)).content.decode()
    response = client.post(url(assessed_zone), {"action": "prepare"}, follow=True)
    text = response.content.decode()
    assert "23400.00" in text and "孔五" in text and "7800.00" in text and "确认发放表" in text


def test_adjusting_the_pool_refuses_bad_input_in_chinese_and_recomputes_good_input(sheet, assessed_zone, login):
    client = login(assessed_zone.committee)
    coefficients = {"excellent": "1.2", "pass": "1.0", "basic": "0.8", "fail": "0"}
    text = client.post(url(assessed_zone), {"pool": "1" * 3000, **coefficients}).content.decode()
    assert "绩效薪酬总额过大" in text
    text = client.post(url(assessed_zone), {"pool": "", **coefficients, "pass": "很多"}).content.decode()
    assert "“合格”的绩效系数" in text
    client.post(url(assessed_zone), {"pool": "30000", **coefficients})
    sheet.refresh_from_db()
    assert sheet.pool == Decimal("30000.00") and sum(sheet.lines.values_list("amount", flat=True)) == sheet.pool


def test_confirm_shows_what_is_bound_then_confirms_and_withdraw_needs_a_reason(sheet, assessed_zone, login):
    client = login(assessed_zone.committee)
    page = client.get(url(assessed_zone, "confirm/")).content.decode()
    assert "确认后发放表即作为本周期绩效薪酬的发放依据" in page and "23400.00" in page
    sheet.refresh_from_db()
    assert sheet.status == PaySheet.Status.DRAFT  # a GET binds nothing
    client.post(url(assessed_zone, "confirm/"))
    sheet.refresh_from_db()
    assert sheet.status == PaySheet.Status.CONFIRMED
    assert "原因" in client.post(f"/people/pay/sheet/{sheet.pk}/withdraw/", {"reason": ""}).content.decode()
    client.post(f"/people/pay/sheet/{sheet.pk}/withdraw/", {"reason": "岗位工资录错"})
    sheet.refresh_from_db()
    assert sheet.status == PaySheet.Status.WITHDRAWN
    page = client.get(url(assessed_zone)).content.decode()
    assert "编制发放表草稿" in page and "第 1 版，总额 23400.00 元" in page and "岗位工资录错" in page


def test_the_excel_has_every_line_and_a_total_equal_to_the_pool(sheet, assessed_zone, login):
    response = login(assessed_zone.committee).get(url(assessed_zone) + "?format=xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book["2020Q3"].iter_rows(values_only=True))
    assert rows[-1][0] == "合计" and Decimal(str(rows[-1][-1])) == Decimal("23400")
    amounts = [Decimal(str(r[-1])) for r in rows if r[0] and str(r[0]).startswith("kong")]
    assert len(amounts) == 5 and sum(amounts) == Decimal("23400")


def test_the_list_filters_by_department(sheet, assessed_zone, login):
    text = login(assessed_zone.committee).get(url(assessed_zone) + f"?group={assessed_zone.office.pk}").content.decode()
    assert "孔一" in text and "孔五" not in text and "7200.00" in text  # 孔一、孔二's bases


def test_a_staff_member_gets_their_own_statement_only(sheet, assessed_zone, login):
    pay.sheet_confirm(actor=assessed_zone.committee, sheet=sheet)
    mine = sheet.lines.get(user=assessed_zone.staff[0])
    other = sheet.lines.get(user=assessed_zone.staff[4])
    client = login(assessed_zone.staff[0])
    assert client.get(url(assessed_zone)).status_code == 403
    assert "5850.00" in client.get("/people/pay/").content.decode()
    response = client.get(f"/people/pay/line/{mine.pk}/statement/")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "孔一" in text and "5850.00" in text and "优秀" in text
    assert "本期合计" in text and "14250.00" in text  # fixed 4000 × 3 − 3600 = 8400, plus 5850
    assert client.get(f"/people/pay/line/{other.pk}/statement/").status_code == 403


def test_another_unit_gets_404(sheet, assessed_zone, world, login):
    client = login(world.jy_admin)
    assert client.get(url(assessed_zone)).status_code == 404
    assert client.get(f"/people/pay/line/{sheet.lines.first().pk}/statement/").status_code == 404


def test_the_figure_shows_each_departments_share_by_year(sheet, assessed_zone, login):
    pay.sheet_confirm(actor=assessed_zone.committee, sheet=sheet)
    text = login(assessed_zone.committee).get("/people/pay/figure/").content.decode()
    # 党政办公室: paid 5850 + 4875 = 10725, fixed 2 × (12000 − 3600) = 16800 → 39.0 %
    assert "党政办公室" in text and "39.0%" in text and "pay-share-chart" in text


def test_the_sheet_page_queries_do_not_grow_with_the_staff(sheet, assessed_zone, login, django_assert_max_num_queries):
    client = login(assessed_zone.committee)
    with django_assert_max_num_queries(25):
        assert client.get(url(assessed_zone)).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get("/people/pay/").status_code == 200


def test_the_api_gives_the_sheet_to_the_committee_and_only_ones_own_line_to_staff(sheet, assessed_zone, world, login):
    body = login(assessed_zone.committee).get(f"/api/people/pay/sheets/{sheet.pk}").json()
    assert body["pool"] == "23400.00" and len(body["lines"]) == 5
    own = login(assessed_zone.staff[0]).get(f"/api/people/pay/sheets/{sheet.pk}").json()
    assert [line["username"] for line in own["lines"]] == ["kong1"]
    assert login(world.jy_admin).get(f"/api/people/pay/sheets/{sheet.pk}").status_code == 404


def test_the_figure_compares_the_years(sheet, assessed_zone):
    from datetime import date

    from taizhang.people.models import Cycle, Result
    from taizhang.people.selectors_pay import share_by_department

    pay.sheet_confirm(actor=assessed_zone.committee, sheet=sheet)
    later = Cycle.objects.create(
        unit=assessed_zone.cycle.unit,
        code="2021Q1",
        kind="quarter",
        starts_on=date(2021, 1, 1),
        ends_on=date(2021, 3, 31),
        status="locked",
    )
    Result.objects.create(unit=later.unit, cycle=later, user=assessed_zone.staff[0], grade="pass")
    pay.sheet_confirm(actor=None, sheet=pay.sheet_prepare(actor=None, cycle=later))
    chart = share_by_department(assessed_zone.committee)
    assert chart["years"] == ["2020", "2021"]
    office = next(s for s in chart["series"] if s["name"] == "党政办公室")
    # 2021: 孔一 alone, share 35 %: base 4200 paid in full, fixed 12000 − 4200 = 7800 → 4200 ÷ 12000
    assert office["data"] == [39.0, 35.0]
    economy = next(s for s in chart["series"] if s["name"] == "经济发展部")
    assert economy["data"][1] is None  # nobody of 经济发展部 on the 2021 sheet

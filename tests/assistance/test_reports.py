"""The module's reports (Excel and PDF) and the household's 明白卡 and 帮扶手册, printed from the data."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from taizhang.assistance.models import AssistedHousehold
from taizhang.assistance.reports import REPORTS
from taizhang.audit.models import AuditEntry
from tests.assistance.conftest import household, visit
from tests.conftest import pdf_text


@pytest.mark.parametrize("kind", list(REPORTS))
def test_every_report_as_excel_and_pdf(client, assisted, kind):
    visit(assisted.xs_worker, "XS001", date(2026, 3, 2), "09:00", 40)
    client.force_login(assisted.xs_admin)
    workbook = client.get("/assistance/reports/", {"month": "2026-03", "kind": kind, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet.max_row >= 1 and sheet.cell(1, 1).value
    pdf = client.get("/assistance/reports/", {"month": "2026-03", "kind": kind, "format": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert REPORTS[kind][0][:2] in pdf_text(pdf.content).replace(" ", "") or kind in ("archives", "deliveries")


def test_the_compliance_pdf_lists_the_households(client, assisted):
    visit(assisted.xs_worker, "XS001", date(2026, 3, 2), "09:00", 40)
    client.force_login(assisted.xs_admin)
    text = pdf_text(
        client.get("/assistance/reports/", {"month": "2026-03", "kind": "compliance", "format": "pdf"}).content
    )
    assert "XS001" in text and "XS002" in text and "张帮扶" in text and "未达标" in text


def test_the_card_and_the_handbook(client, assisted):
    xs001 = household("XS001")
    visit(assisted.xs_worker, "XS001", date(2026, 3, 2), "09:00", 40, values={"notes": "了解务工情况"})
    client.force_login(assisted.xs_worker)
    response = client.post(
        f"/assistance/households/{xs001.pk}/",
        {"action": "measures", "measures": "产业帮扶：发放鸡苗200只\n技能培训", "benefits": "光伏收益分红"},
    )
    assert response.status_code == 302
    assert AssistedHousehold.objects.get(pk=xs001.pk).measures.startswith("产业帮扶")
    card = pdf_text(client.get(f"/assistance/households/{xs001.pk}/card/").content)
    assert "张帮扶" in card and "发放鸡苗200只" in card and "光伏收益分红" in card and "XS001" in card
    handbook = pdf_text(client.get(f"/assistance/households/{xs001.pk}/handbook/").content)
    assert "帮扶手册" in handbook and "了解务工情况" in handbook and "李梅" in handbook
    printed = AuditEntry.objects.filter(action=AuditEntry.Action.PRINT, household_id=xs001.household_id)
    assert sorted(e.changes["文档"][1] for e in printed) == ["帮扶手册", "明白卡"]
    client.force_login(assisted.jy_admin)
    assert client.get(f"/assistance/households/{xs001.pk}/card/").status_code == 404


def test_the_card_counts_only_the_visits_the_rules_count(client, assisted, clock):
    from taizhang.assistance.visits import visit_void

    clock.set(date(2026, 3, 20))
    xs001 = household("XS001")
    visit(assisted.xs_worker, "XS001", date(2026, 3, 2), "09:00", 40)
    visit(assisted.xs_worker, "XS001", date(2026, 3, 5), "09:00", 20)  # too short to count
    voided = visit(assisted.xs_worker, "XS001", date(2026, 3, 9), "09:00", 45)
    visit_void(actor=assisted.xs_admin, visit=voided, reason="重复登记")
    client.force_login(assisted.xs_admin)
    card = pdf_text(client.get(f"/assistance/households/{xs001.pk}/card/").content)
    assert "2026 年有效入户走访 1 次" in card


def test_the_archive_report_has_one_row_a_household_with_its_missing_and_wrong_items(client, assisted):
    from taizhang.assistance import archives

    archives.record_update(actor=assisted.xs_worker, assisted=household("XS001"), family_size=4, account_holder="")
    archives.archive_check(actor=assisted.xs_admin, unit=assisted.xinshi)
    client.force_login(assisted.xs_admin)
    sheet = load_workbook(
        io.BytesIO(client.get("/assistance/reports/", {"kind": "archives", "format": "xlsx"}).content)
    ).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert sorted(rows) == ["XS001", "XS002"]
    assert "帮扶计划" in rows["XS001"][3] and "家庭成员：档案记载 4 人，户籍台账在世成员 3 人" in rows["XS001"][4]
    text = pdf_text(client.get("/assistance/reports/", {"kind": "archives", "format": "pdf"}).content)
    compact = "".join(text.split())
    assert "2户待整改" in compact and "XS001" in compact and "档案记载4人" in compact

"""The module's reports (Excel and PDF) and the household's 明白卡 and 帮扶手册, printed from the data."""

import io
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from taizhang.assistance.models import AssistedHousehold
from taizhang.assistance.reports import REPORTS
from taizhang.audit.models import AuditEntry
from tests.assistance.conftest import household, visit


def pdf_text(content: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is installed by scripts/setup --test")
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


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

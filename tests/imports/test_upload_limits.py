"""A file that is unreadable deep inside, or built to exhaust the server, ends on the preview page with its reason —
never a server error."""

from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.registry.models import Household
from tests.conftest import csv_bytes, household_rows
from tests.documents.test_tabular_archives import zip_bomb


def preview(client, name: str, data: bytes) -> str:
    file = SimpleUploadedFile(name, data)
    response = client.post("/imports/upload/?ledger=registry.households", {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.content.decode()


def test_a_csv_field_longer_than_the_csv_reader_takes_is_reported_not_a_server_error(client, seeded, login):
    rows = [row for n in range(20) for row in household_rows(f"XS1{n:02d}", "新市村", 2, 100 + 2 * n)]
    rows[-1][2] = "幸" * 131_073  # a quote never closed makes the rest of a file one field of this size
    page = preview(login("xs_admin"), "户籍台账.csv", csv_bytes(rows))
    assert "第41行（或从这一行开始）有一个字段超过 131,072 个字符（Excel 单元格最多 32,767 个字符）" in page
    assert not Household.objects.filter(household_no="XS100").exists()


def test_a_zip_bomb_named_xlsx_is_reported_on_the_preview(client, seeded, login):
    page = preview(login("xs_admin"), "户籍台账.xlsx", zip_bomb(400))
    assert "文件“户籍台账.xlsx”解压后有 400 MB，超过了 300 MB 的上限，请拆分成几个文件分批导入" in page

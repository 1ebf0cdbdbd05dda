"""A ledger uploaded, previewed, fixed on the page, confirmed as a numbered batch, and undone — the same pages for
every ledger the apps declare."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from taizhang.assistance.importing import ASSISTED_COLUMNS, VISIT_COLUMNS, assisted_import
from taizhang.assistance.models import AssistedHousehold, Visit
from taizhang.audit.models import AuditEntry
from taizhang.core.models import RecordStatus
from taizhang.documents.tabular import match_headers, open_table
from taizhang.imports.ledgers import declared
from taizhang.imports.models import ColumnMapping, ImportBatch, PendingImport
from taizhang.registry.models import Household
from tests.conftest import csv_bytes, household_rows

ASSISTED = [["XS001", "建档立卡户", "2020-01-01", "xs_worker"], ["XS002", "监测户", "2020-01-01", "ws_worker"]]
GOOD_VISIT = ["XS001", "xs_worker", "2020-09-03", "09:00", "09:40", "了解近况"]
BAD_VISIT = ["XS001", "nobody", "2020-09-10", "09:00", "09:40", "看望"]


@pytest.fixture
def assisted(seeded):
    report = assisted_import(
        actor=None, unit=seeded.xinshi, data=csv_bytes(ASSISTED, ASSISTED_COLUMNS), filename="名单.csv"
    )
    assert report.applied, report.errors
    return seeded


def upload(client, ledger, rows, columns, name="走访.csv"):
    data = csv_bytes(rows, columns) if columns else csv_bytes(rows)
    file = SimpleUploadedFile(name, data, content_type="text/csv")
    response = client.post(f"/imports/upload/?ledger={ledger}", {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def test_the_unit_admin_sees_the_ledgers_of_the_kernel_and_of_the_enabled_modules(client, seeded, login):
    login("xs_admin")
    page = client.get("/imports/").content.decode()
    assert "户籍台账" in page and "历史走访台账" in page and "帮扶户名单" in page


def test_a_helper_may_import_nothing(client, seeded, login):
    login("xs_worker")
    assert "历史走访台账" not in client.get("/imports/").content.decode()
    assert client.get("/imports/upload/?ledger=assistance.visits").status_code == 404


def test_a_bad_row_is_shown_on_the_preview_fixed_in_place_and_the_batch_confirmed(client, assisted, login):
    login("xs_admin")
    preview = upload(client, "assistance.visits", [GOOD_VISIT, BAD_VISIT], VISIT_COLUMNS)
    page = client.get(preview).content.decode()
    assert "发现 1 处错误" in page and "本单位没有用户名为 nobody 的人员" in page
    assert 'name="fix|3|帮扶责任人"' in page
    assert client.post(preview + "confirm/").status_code == 200 and not Visit.objects.exists()

    client.post(preview, {"action": "fix", "fix|3|帮扶责任人": "xs_worker"})
    page = client.get(preview).content.decode()
    assert "检查通过" in page and "已在页面上改正 1 个单元格" in page
    response = client.post(preview + "confirm/")
    batch = ImportBatch.objects.get()
    assert response["Location"] == f"/imports/batches/{batch.pk}/"
    assert Visit.objects.filter(import_batch=batch).count() == 2
    assert batch.actor_name.startswith("王主任") and batch.rows == 2 and ["新增（次走访）", 2] in batch.counts
    assert AuditEntry.objects.filter(object_type="imports.batch", object_id=str(batch.pk), action="import").exists()
    assert not PendingImport.objects.exists()


def test_the_batch_is_undone_with_a_reason_and_the_corrected_file_imports_again(client, assisted, login):
    login("xs_admin")
    client.post(upload(client, "assistance.visits", [GOOD_VISIT], VISIT_COLUMNS) + "confirm/")
    batch = ImportBatch.objects.get()
    assert "撤销整批" in client.get(f"/imports/batches/{batch.pk}/").content.decode()
    response = client.post(f"/imports/batches/{batch.pk}/void/", {"reason": "导错了月份"})
    assert response.status_code == 302
    batch.refresh_from_db()
    visit = Visit.objects.get()
    assert batch.is_voided and batch.void_reason == "导错了月份" and batch.voided_records == 1
    assert visit.status == RecordStatus.VOIDED and visit.void_reason == "导错了月份"
    assert AuditEntry.objects.filter(object_type="imports.batch", action="void", reason="导错了月份").exists()
    assert "已撤销" in client.get(f"/imports/batches/{batch.pk}/").content.decode()

    client.post(upload(client, "assistance.visits", [GOOD_VISIT], VISIT_COLUMNS) + "confirm/")
    assert Visit.objects.filter(status=RecordStatus.ACTIVE).count() == 1


def test_a_batch_later_work_depends_on_is_not_undone(client, seeded, login):
    login("xs_admin")
    rows = household_rows("XS301", "新市村", 2, 400)
    preview = upload(client, "registry.households", rows, None, "户籍.csv")
    client.post(preview + "confirm/")
    batch = ImportBatch.objects.get(ledger="registry.households")
    assisted_import(
        actor=None,
        unit=seeded.xinshi,
        data=csv_bytes([["XS301", "监测户", "2020-01-01", "xs_worker"]], ASSISTED_COLUMNS),
        filename="名单.csv",
    )
    page = client.post(f"/imports/batches/{batch.pk}/void/", {"reason": "重复"}).content.decode()
    assert "已有后续记录" in page and "帮扶户 1 条" in page
    batch.refresh_from_db()
    assert not batch.is_voided and Household.objects.get(household_no="XS301").status == RecordStatus.ACTIVE
    assert AssistedHousehold.objects.filter(household__household_no="XS301").exists()


def test_an_unknown_header_is_mapped_on_the_page_and_remembered_for_the_unit(client, assisted, login):
    login("xs_admin")
    columns = ["户编号", "包户干部", "走访日期", "开始时间", "结束时间", "走访内容"]
    preview = upload(client, "assistance.visits", [GOOD_VISIT], columns)
    page = client.get(preview).content.decode()
    assert "缺少必填列：帮扶责任人" in page and "包户干部" in page and "不认识的列默认忽略" in page
    client.post(preview, {"unknown": ["包户干部"], "map_0": "帮扶责任人", "header_row": ""})
    assert "检查通过" in client.get(preview).content.decode()
    assert ColumnMapping.objects.get(ledger="assistance.visits").column == "帮扶责任人"
    again = upload(client, "assistance.visits", [GOOD_VISIT], columns)
    assert "检查通过" in client.get(again).content.decode()


def test_another_units_batch_and_another_users_upload_are_not_found(client, assisted, login):
    login("xs_admin")
    preview = upload(client, "assistance.visits", [GOOD_VISIT], VISIT_COLUMNS)
    client.post(preview + "confirm/")
    batch = ImportBatch.objects.get()
    other = upload(client, "assistance.visits", [GOOD_VISIT], VISIT_COLUMNS)
    login("jy_admin")
    assert client.get(f"/imports/batches/{batch.pk}/").status_code == 404
    assert client.get(other).status_code == 404


def test_a_helper_cannot_undo_a_batch(client, assisted, login):
    login("xs_admin")
    client.post(upload(client, "assistance.visits", [GOOD_VISIT], VISIT_COLUMNS) + "confirm/")
    batch = ImportBatch.objects.get()
    login("xs_group")
    assert client.post(f"/imports/batches/{batch.pk}/void/", {"reason": "x"}).status_code == 403


def test_the_command_undoes_a_batch_like_the_page(client, assisted, login, capsys):
    login("xs_admin")
    client.post(upload(client, "assistance.visits", [GOOD_VISIT], VISIT_COLUMNS) + "confirm/")
    batch = ImportBatch.objects.get()
    call_command("void-import", str(batch.pk), "--reason", "测试撤销")
    assert f"导入批次 {batch.pk} 已撤销，作废记录 1 条" in capsys.readouterr().out
    assert Visit.objects.get().status == RecordStatus.VOIDED


@pytest.mark.parametrize("ledger", ["registry.households", "assistance.assisted", "assistance.visits"])
def test_each_ledger_has_a_template_its_own_import_reads(client, seeded, login, ledger):
    login("xs_admin")
    response = client.get(f"/imports/template.xlsx?ledger={ledger}")
    assert response.status_code == 200 and response["Content-Disposition"].endswith(".xlsx")
    found = declared(ledger)
    table = open_table(response.content, "模板.xlsx", columns=found.required)
    assert match_headers(table.headers, found.required, found.optional).ok


def test_an_assisted_list_batch_is_undone_and_imported_again_but_not_once_a_visit_was_recorded(client, seeded, login):
    login("xs_admin")
    client.post(upload(client, "assistance.assisted", ASSISTED, ASSISTED_COLUMNS, "名单.csv") + "confirm/")
    first = ImportBatch.objects.get()
    assert AssistedHousehold.objects.filter(import_batch=first).count() == 2
    client.post(f"/imports/batches/{first.pk}/void/", {"reason": "名单有误"})
    assert not AssistedHousehold.objects.exists()
    voided = AuditEntry.objects.filter(object_type="assistance.household", action="void", reason__contains="名单有误")
    assert voided.count() == 2

    client.post(upload(client, "assistance.assisted", ASSISTED, ASSISTED_COLUMNS, "名单.csv") + "confirm/")
    second = ImportBatch.objects.get(ledger="assistance.assisted", status=RecordStatus.ACTIVE)
    client.post(upload(client, "assistance.visits", [GOOD_VISIT], VISIT_COLUMNS) + "confirm/")
    visits = ImportBatch.objects.get(ledger="assistance.visits")
    client.post(f"/imports/batches/{visits.pk}/void/", {"reason": "先撤走访"})
    page = client.post(f"/imports/batches/{second.pk}/void/", {"reason": "名单有误"}).content.decode()
    assert "已有后续记录（走访 1 条，含已作废的）" in page and AssistedHousehold.objects.count() == 2


def test_the_batch_keeps_its_file_whose_hash_the_audit_entry_holds(client, assisted, login):
    import hashlib

    login("xs_admin")
    data = csv_bytes([GOOD_VISIT], VISIT_COLUMNS)
    client.post(upload(client, "assistance.visits", [GOOD_VISIT], VISIT_COLUMNS) + "confirm/")
    batch = ImportBatch.objects.get()
    assert batch.source_sha256 == hashlib.sha256(data).hexdigest()
    entry = AuditEntry.objects.get(object_type="imports.batch", action="import")
    assert entry.changes["文件 SHA-256"] == batch.source_sha256
    response = client.get(f"/imports/batches/{batch.pk}/source/")
    assert response.content == data
    assert AuditEntry.objects.filter(object_type="imports.batch", action="export").count() == 1


def test_a_role_that_sees_id_numbers_masked_cannot_download_the_file(client, assisted, login):
    login("xs_admin")
    client.post(upload(client, "assistance.visits", [GOOD_VISIT], VISIT_COLUMNS) + "confirm/")
    batch = ImportBatch.objects.get()
    login("leader")
    assert "下载原始文件" not in client.get(f"/imports/batches/{batch.pk}/").content.decode()
    assert client.get(f"/imports/batches/{batch.pk}/source/").status_code == 403


def test_the_preview_shows_the_first_rows_as_they_will_be_stored(client, seeded, login):
    login("xs_admin")
    rows = household_rows("XS900", first_seq=900)
    rows[1][5] = "妻"  # stored as 配偶
    rows[0][6] = "138-1234-5678"  # stored as 13812345678
    page = client.get(upload(client, "registry.households", rows, None, "户籍.csv")).content.decode()
    assert "（将保存为）" in page
    sample = page[page.index('id="import-sample"') :]
    assert "配偶" in sample and ">妻<" not in sample
    assert "13812345678" in sample and "138-1234-5678" not in sample


def test_a_visits_preview_shows_times_and_helpers_as_stored(client, assisted, login):
    login("xs_admin")
    page = client.get(upload(client, "assistance.visits", [GOOD_VISIT], VISIT_COLUMNS)).content.decode()
    sample = page[page.index('id="import-sample"') :]
    assert "（将保存为）" in page and "张帮扶" in sample and "2020-09-03 09:40" in sample

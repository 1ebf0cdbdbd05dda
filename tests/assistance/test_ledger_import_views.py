"""The town's ledgers uploaded from the web: the assisted-household list and the visits made so far."""

from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.assistance.importing import ASSISTED_COLUMNS, VISIT_COLUMNS
from taizhang.assistance.models import AssistedHousehold, Visit
from tests.conftest import csv_bytes


def upload(rows, columns, name="名单.csv"):
    return SimpleUploadedFile(name, csv_bytes(rows, columns), content_type="text/csv")


ASSISTED = [["XS001", "建档立卡户", "2020-01-01", "xs_worker"], ["XS002", "监测户", "2020-01-01", "ws_worker"]]


def test_the_unit_admin_uploads_the_assisted_list_and_both_households_are_assisted(client, seeded, login):
    login("xs_admin")
    assert "导入帮扶户名单" in client.get("/assistance/households/").content.decode()
    response = client.post("/assistance/households/import/", {"file": upload(ASSISTED, ASSISTED_COLUMNS)})
    assert response.status_code == 302 and response["Location"] == "/assistance/households/"
    assert set(AssistedHousehold.objects.values_list("household__household_no", flat=True)) == {"XS001", "XS002"}


def test_a_bad_row_is_named_and_nothing_is_imported(client, seeded, login):
    login("xs_admin")
    rows = [ASSISTED[0], ["XS999", "建档立卡户", "2020-01-01", "xs_worker"]]
    page = client.post("/assistance/households/import/", {"file": upload(rows, ASSISTED_COLUMNS)}).content.decode()
    assert "没有写入任何数据" in page and "XS999" in page
    assert not AssistedHousehold.objects.exists()


def test_checking_only_writes_nothing(client, seeded, login):
    login("xs_admin")
    data = {"file": upload(ASSISTED, ASSISTED_COLUMNS), "dry_run": "on"}
    page = client.post("/assistance/households/import/", data).content.decode()
    assert "名单.csv" in page and not AssistedHousehold.objects.exists()


def test_the_visits_ledger_is_uploaded_on_its_page(client, seeded, login):
    login("xs_admin")
    client.post("/assistance/households/import/", {"file": upload(ASSISTED, ASSISTED_COLUMNS)})
    visits = [["XS001", "xs_worker", "2020-09-03", "09:00", "09:40", "了解近况"]]
    response = client.post("/assistance/visits/import/", {"file": upload(visits, VISIT_COLUMNS, "走访.csv")})
    assert response.status_code == 302 and Visit.objects.count() == 1


def test_a_helper_cannot_import_ledgers(client, seeded, login):
    login("xs_worker")
    assert client.get("/assistance/households/import/").status_code == 403
    assert client.post("/assistance/visits/import/", {}).status_code == 403

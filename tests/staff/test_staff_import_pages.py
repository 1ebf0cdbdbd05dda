"""Staff accounts imported on the kernel's import pages: passwords shown once, the batch undone by disabling them."""

from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.imports.models import ImportBatch
from taizhang.org.models import User
from tests.conftest import xlsx_bytes

HEADER = ["姓名", "用户名", "角色", "村居或工作组", "手机号"]
ROWS = [["陈一", "chen1", "工作人员", "新市村", "13911110001"], ["陈二", "chen2", "工作组长", "闻韶村", ""]]


def confirm(client, rows):
    file = SimpleUploadedFile("账号.xlsx", xlsx_bytes(rows, header=HEADER))
    preview = client.post("/imports/upload/?ledger=staff.accounts", {"file": file})["Location"]
    assert "检查通过" in client.get(preview).content.decode()
    return client.post(preview + "confirm/")


def test_the_initial_passwords_are_shown_once_on_the_confirming_page(client, world, login):
    login("xs_admin")
    response = confirm(client, ROWS)
    page = response.content.decode()
    batch = ImportBatch.objects.get(ledger="staff.accounts")
    assert response.status_code == 200 and f"导入批次 {batch.pk}：已新建 2 个账号" in page
    made = {u.username: u for u in User.objects.filter(username__startswith="chen")}
    assert sorted(made) == ["chen1", "chen2"] and sorted(batch.records) == sorted(u.pk for u in made.values())
    assert page.count('<td class="mono">chen') == 2
    assert "本页关闭后不再显示" in page and "chen1" not in client.get(f"/imports/batches/{batch.pk}/").content.decode()


def test_undoing_the_batch_disables_the_unused_accounts_and_refuses_once_one_was_used(client, world, login):
    login("xs_admin")
    confirm(client, ROWS)
    batch = ImportBatch.objects.get(ledger="staff.accounts")
    User.objects.filter(username="chen1").update(last_login="2026-11-30T08:00:00+08:00")
    page = client.post(f"/imports/batches/{batch.pk}/void/", {"reason": "建错了"}).content.decode()
    assert "陈一（chen1） 已登录使用过" in page
    User.objects.filter(username="chen1").update(last_login=None)
    client.post(f"/imports/batches/{batch.pk}/void/", {"reason": "建错了"})
    assert not User.objects.filter(username__startswith="chen", is_active=True).exists()


def test_a_field_worker_cannot_import_accounts(client, world, login):
    login("xs_worker")
    assert client.get("/imports/upload/?ledger=staff.accounts").status_code == 404

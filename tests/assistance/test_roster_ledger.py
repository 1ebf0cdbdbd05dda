"""A department's roster imported on the kernel's pages: a batch replaces the roster, undoing it puts back the one it
replaced, and only the latest batch of a roster can be undone."""

from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.assistance.models import RosterEntry
from taizhang.imports.models import ImportBatch
from tests.conftest import csv_bytes, make_id

COLUMNS = ["序号", "公民身份号码", "姓名"]  # as the 民政 office writes them


def import_roster(client, people, roster="dibao"):
    rows = [[n, id_number, name] for n, (id_number, name) in enumerate(people, 1)]
    file = SimpleUploadedFile("低保名册.csv", csv_bytes(rows, COLUMNS))
    preview = client.post("/imports/upload/?ledger=assistance.roster", {"file": file, "target": roster})["Location"]
    page = client.get(preview).content.decode()
    assert "检查通过" in page, page[:3000]
    client.post(preview + "confirm/")
    return ImportBatch.objects.latest("pk")


def names(roster="dibao"):
    return sorted(RosterEntry.objects.filter(roster=roster).values_list("name", flat=True))


def test_undoing_a_roster_batch_puts_back_the_roster_it_replaced(client, seeded, login):
    login("xs_admin")
    first = import_roster(client, [(make_id(501), "甲"), (make_id(502), "乙")])
    second = import_roster(client, [(make_id(503), "丙")])
    assert names() == ["丙"] and second.target == "新市镇 · 低保名册"

    page = client.post(f"/imports/batches/{first.pk}/void/", {"reason": "旧名册"}).content.decode()
    assert f"此后又导入过低保名册（导入批次 {second.pk}），请先撤销那一批" in page and names() == ["丙"]

    client.post(f"/imports/batches/{second.pk}/void/", {"reason": "传错了月份"})
    assert names() == ["乙", "甲"]
    client.post(f"/imports/batches/{first.pk}/void/", {"reason": "旧名册"})
    assert names() == []


def test_another_roster_is_left_alone(client, seeded, login):
    login("xs_admin")
    import_roster(client, [(make_id(601), "丁")], roster="disability")
    batch = import_roster(client, [(make_id(602), "戊")])
    client.post(f"/imports/batches/{batch.pk}/void/", {"reason": "错"})
    assert names("disability") == ["丁"] and names() == []

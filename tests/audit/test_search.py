"""The audit page: a full ID number or 户编号 finds every entry about that person or household; the filtered trail as
Excel; the object-type filter knows every type the code writes."""

import io
import re
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from taizhang.audit.exporting import changes_text
from taizhang.audit.labels import object_type_labels
from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_record
from taizhang.core.personal import Disclosure
from taizhang.org.personal import MASKED
from taizhang.registry import services
from taizhang.registry.models import Household, Person
from tests.conftest import make_id

ROOT = Path(__file__).resolve().parents[2] / "taizhang"


def listed(client, **params) -> str:
    return client.get("/audit/", params).content.decode()


def a_module_entry_filed_under(household, what: str) -> None:
    """What a module writes about a household (a visit, a measurement): its own object type, filed under it, named
    without the 户编号 (so only the filing finds it)."""
    audit_record(
        actor=None,
        action=AuditEntry.Action.CREATE,
        object_type="example.record",
        object_id="1",
        object_repr=what,
        unit_id=household.unit_id,
        community_id=household.community_id,
        household_id=household.pk,
    )


def test_a_full_id_number_finds_the_import_the_edits_and_the_prints_of_that_person(client, seeded):
    wife = Person.objects.get(name="李梅", household__household_no="XS001")
    services.person_update(actor=seeded.xs_admin, person=wife, phone="13912345678")
    xs001 = Household.objects.get(household_no="XS001")
    client.force_login(seeded.xs_admin)
    client.get(f"/registry/households/{xs001.pk}/pdf/")
    client.force_login(seeded.auditor)
    page = listed(client, q=wife.id_number)
    assert "导入新建" in page and "13912345678" in page and "一户一档 PDF" in page
    assert "XS002" not in page and "JY001" not in page  # other households' entries are not about her
    assert "13912345678" in listed(client, q=f" {wife.id_number.lower()} ")


def test_a_household_number_finds_the_modules_entries_filed_under_it(client, seeded):
    a_module_entry_filed_under(Household.objects.get(household_no="XS002"), "入户走访 2026-03-02")
    a_module_entry_filed_under(Household.objects.get(household_no="XS001"), "院落测量")
    client.force_login(seeded.auditor)
    page = listed(client, q="XS002")
    assert "入户走访 2026-03-02" in page and "导入新建" in page
    assert "XS001" not in page and "院落测量" not in page


def test_an_id_number_of_another_unit_finds_nothing_for_a_unit_admin(client, seeded):
    jy_head = Household.objects.get(household_no="JY001").head
    client.force_login(seeded.xs_admin)
    assert "没有记录" in listed(client, q=jy_head.id_number)
    assert "没有记录" in listed(client, q=make_id(999, date(1980, 1, 1)))  # valid, registered nowhere


def test_the_filtered_trail_exports_to_excel_under_a_title_and_is_audited(client, seeded):
    wife = Person.objects.get(name="李梅", household__household_no="XS001")
    client.force_login(seeded.auditor)
    response = client.get("/audit/", {"q": wife.id_number, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value.startswith(f"审计记录（关键词：{wife.id_number}）")
    assert [c.value for c in sheet[2]] == ["时间", "操作人", "来源", "操作", "对象类型", "对象", "变更", "原因"]
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows and all("XS002" not in (r[5] or "") for r in rows)
    assert any(wife.id_number in (r[6] or "") for r in rows)  # an auditor sees full numbers
    exported = AuditEntry.objects.get(object_type="audit.export")
    assert exported.changes["查询条件"][1] == f"关键词：{wife.id_number}"


def test_an_export_masks_numbers_for_a_role_that_may_not_see_them():
    changes = {"身份证号": ["370125196003010010", "37012519620808077X"], "联系电话": [None, "13912345678"]}
    assert changes_text(changes, MASKED) == "身份证号：370125************ → 370125************；联系电话：13912345678"
    assert "37012519620808077X" in changes_text(changes, Disclosure.everything())


def test_every_object_type_the_code_writes_has_a_label_in_the_filter():
    written = set()
    for path in ROOT.rglob("*.py"):
        written |= set(re.findall(r'object_type="([a-z_.-]+)"', path.read_text(encoding="utf-8")))
    assert written and not written - object_type_labels().keys()

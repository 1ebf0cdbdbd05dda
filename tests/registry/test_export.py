"""Exports: the import's own columns, masked by role, audited, and re-importable without changes."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from taizhang.audit.models import AuditEntry
from taizhang.core.http import CSV, XLSX
from taizhang.core.personal import Disclosure
from taizhang.core.rules import mask_bank_account, mask_id_number
from taizhang.org.personal import MASKED
from taizhang.registry import services
from taizhang.registry.exporting import household_export
from taizhang.registry.fields import ALL_COLUMNS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from taizhang.registry.importing import household_import
from taizhang.registry.models import Household
from taizhang.registry.rules import luhn_check_digit
from tests.conftest import make_id

ZHANG_SAN = make_id(10, date(1960, 3, 1))  # XS001's head
ACCOUNT = "622848012345678901" + luhn_check_digit("622848012345678901")
SEEDED_XINSHI_IDS = {make_id(10 + i, date(1960 + i * 10, 3, 1 + i)) for i in range(3)} | {
    make_id(20 + i, date(1960 + i * 10, 3, 1 + i)) for i in range(2)
}


def table(content: bytes, fmt: str) -> list[list[str]]:
    if fmt == "csv":
        return [row for row in csv.reader(io.StringIO(content.decode("utf-8-sig")))]
    sheet = load_workbook(io.BytesIO(content)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def column(rows, name):
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


@pytest.fixture
def banked(seeded):
    """XS001 gets a bank account, so exports have one to show or mask."""
    services.household_update(
        actor=None,
        household=Household.objects.get(household_no="XS001"),
        bank_name="中国农业银行",
        bank_account=ACCOUNT,
    )
    return seeded


def export(world, fmt="xlsx", full_identity=True, community=None, actor=None):
    personal = Disclosure.everything() if full_identity else MASKED
    return household_export(actor=actor, unit=world.xinshi, community=community, fmt=fmt, personal=personal)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_columns_are_the_import_columns_one_row_per_person(banked, fmt):
    filename, content, count = export(banked, fmt)
    rows = table(content, fmt)
    assert rows[0] == REQUIRED_COLUMNS + OPTIONAL_COLUMNS == ALL_COLUMNS
    assert count == len(rows) - 1 == 5
    assert filename.startswith("户籍台账-新市镇-") and filename.endswith(f".{fmt}")
    assert column(rows, "户编号") == ["XS001"] * 3 + ["XS002"] * 2
    assert set(column(rows, "身份证号")) == SEEDED_XINSHI_IDS
    assert ACCOUNT in column(rows, "银行账号")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_masked_export_masks_ids_and_accounts(banked, fmt):
    _, content, _ = export(banked, fmt, full_identity=False)
    rows = table(content, fmt)
    assert set(column(rows, "身份证号")) == {mask_id_number(i) for i in SEEDED_XINSHI_IDS}
    assert mask_bank_account(ACCOUNT) in column(rows, "银行账号") and ACCOUNT not in column(rows, "银行账号")


def test_a_community_export_has_only_that_village(banked):
    filename, content, count = export(banked, "csv", community=banked.wenshao)
    assert count == 2 and "新市镇·闻韶村" in filename
    assert column(table(content, "csv"), "户编号") == ["XS002", "XS002"]


def test_voided_households_and_persons_are_left_out(banked):
    xs002 = Household.objects.get(household_no="XS002")
    services.household_void(actor=None, household=xs002, reason="已迁出")
    _, content, count = export(banked, "csv")
    assert count == 3 and "XS002" not in column(table(content, "csv"), "户编号")


@pytest.mark.parametrize("full_identity, recorded", [(True, "完整"), (False, "脱敏")])
def test_each_export_is_audited_with_whether_it_was_masked(banked, full_identity, recorded):
    before = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).count()
    export(banked, "xlsx", full_identity=full_identity, actor=banked.xs_admin)
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT)
    assert entries.count() == before + 1
    entry = entries.get()
    assert entry.actor == banked.xs_admin and entry.unit_id == banked.xinshi.pk
    assert entry.changes["身份证号与银行账号"] == [None, recorded]
    assert entry.changes["行数"] == [None, 5] and entry.changes["格式"] == [None, "xlsx"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_unmasked_export_reimports_without_changes(banked, fmt):
    _, content, _ = export(banked, fmt)
    report = household_import(unit=banked.xinshi, data=content, filename=f"export.{fmt}")
    assert report.ok and report.applied, report.errors
    assert (report.households_created, report.households_updated, report.households_unchanged) == (0, 0, 2)
    assert (report.persons_created, report.persons_updated, report.persons_unchanged) == (0, 0, 5)


# --- the export page -------------------------------------------------------------------------


def post_export(client, user, **data):
    client.force_login(user)
    return client.post("/registry/export/", data)


@pytest.mark.parametrize("fmt, content_type", [("xlsx", XLSX), ("csv", CSV)])
def test_a_unit_admin_downloads_full_identities_when_asked(client, banked, fmt, content_type):
    response = post_export(client, banked.xs_admin, format=fmt, full_identity="on")
    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert "attachment" in response["Content-Disposition"]
    rows = table(response.content, fmt)
    assert rows[0] == ALL_COLUMNS and ZHANG_SAN in column(rows, "身份证号") and ACCOUNT in column(rows, "银行账号")
    assert AuditEntry.objects.get(action=AuditEntry.Action.EXPORT).changes["身份证号与银行账号"] == [None, "完整"]


def test_a_unit_admin_export_is_masked_by_default(client, banked):
    rows = table(post_export(client, banked.xs_admin, format="csv").content, "csv")
    assert mask_id_number(ZHANG_SAN) in column(rows, "身份证号") and ZHANG_SAN not in column(rows, "身份证号")


@pytest.mark.parametrize("who", ["leader", "xs_group_leader", "xs_worker"])
def test_a_role_without_full_identity_gets_masked_even_when_asking(client, banked, who):
    data = {"format": "csv", "full_identity": "on"}
    if who == "leader":
        data["unit"] = banked.xinshi.pk
    response = post_export(client, getattr(banked, who), **data)
    rows = table(response.content, "csv")
    ids = column(rows, "身份证号")
    assert ids and all(i[6:] == "************" for i in ids) and ZHANG_SAN not in ids
    assert ACCOUNT not in column(rows, "银行账号") and mask_bank_account(ACCOUNT) in column(rows, "银行账号")
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.actor == getattr(banked, who) and entry.changes["身份证号与银行账号"] == [None, "脱敏"]


def test_a_field_worker_exports_only_what_they_may_see(client, banked):
    rows = table(post_export(client, banked.xs_worker, format="csv").content, "csv")
    assert set(column(rows, "户编号")) == {"XS001"}


def test_the_blank_template_has_the_required_headers(client, world):
    client.force_login(world.xs_admin)
    response = client.get("/imports/template.xlsx?ledger=registry.households")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    book = load_workbook(io.BytesIO(response.content))
    header = [cell.value for cell in book["户籍台账"][1]]
    assert header == ALL_COLUMNS and header[: len(REQUIRED_COLUMNS)] == REQUIRED_COLUMNS
    assert book["户籍台账"].max_row >= 1 and "填写说明" in book.sheetnames
    assert all(v is None for row in book["户籍台账"].iter_rows(min_row=2, values_only=True) for v in row)

"""The renewal ledgers — red-line list, measurements, determinations — through the kernel's import pages: uploaded
as the street office keeps them (title merged above the header, signatures below), previewed with every error,
confirmed as a numbered batch for the chosen project, and undone — or the undo refused with the reason when later
work stands on the batch."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from taizhang.audit.models import AuditEntry
from taizhang.core.models import RecordStatus
from taizhang.documents.tabular import match_headers, open_table
from taizhang.imports.ledgers import declared
from taizhang.imports.models import ImportBatch, PendingImport
from taizhang.registry.importing import household_import
from taizhang.registry.models import Household, Person
from taizhang.renewal import rules
from taizhang.renewal.agreements import agreement_choose, agreement_sign
from taizhang.renewal.determination_import import IMPORT_COLUMNS as DETERMINATION_COLUMNS
from taizhang.renewal.determinations import determination_record
from taizhang.renewal.models import Determination, Measurement, ProjectHousehold, Site
from taizhang.renewal.projects import project_create
from taizhang.renewal.publicity import publicity_create
from tests.conftest import csv_bytes, household_rows
from tests.renewal.conftest import xinshi_project
from tests.renewal.ledger_files import titled_workbook
from tests.renewal.scoping_compensation import determined, published_policy
from tests.renewal.test_measurements_import import HEADER as MEASUREMENT_HEADER
from tests.renewal.test_measurements_import import ROWS as MEASUREMENTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def more(renewal):
    """JY201 and JY202 in 城里居: in the registry, not yet in the project."""
    rows = household_rows("JY201", "城里居", 2, 60) + household_rows("JY202", "城里居", 1, 70)
    assert household_import(unit=renewal.world.jiyang, data=csv_bytes(rows), filename="more.csv").applied
    return renewal


def upload(client, ledger, project, data, name="台账.xlsx"):
    file = SimpleUploadedFile(name, data)
    response = client.post(f"/imports/upload/?ledger={ledger}", {"file": file, "target": str(project.pk)})
    assert response.status_code == 302, response.content.decode()[:3000]
    return response["Location"]


def confirm(client, preview) -> ImportBatch:
    response = client.post(preview + "confirm/")
    assert response.status_code == 302, response.content.decode()[:3000]
    return ImportBatch.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def undo(client, batch, reason="导错了项目"):
    return client.post(f"/imports/batches/{batch.pk}/void/", {"reason": reason})


def timeline_reasons(no: str) -> list[str]:
    household = Household.objects.get(household_no=no)
    return list(AuditEntry.objects.filter(household_id=household.pk).values_list("reason", flat=True))


# --- where the pages lead ------------------------------------------------------------------------------------


def test_the_project_pages_link_to_the_import_pages_with_the_project_chosen(client, login, renewal):
    login("jy_admin")
    pk = renewal.project.pk
    assert (
        f"/imports/upload/?ledger=renewal.households&amp;target={pk}"
        in client.get(f"/renewal/projects/{pk}/households/").content.decode()
    )
    assert (
        f"/imports/upload/?ledger=renewal.measurements&amp;target={pk}"
        in client.get(f"/renewal/projects/{pk}/sites/").content.decode()
    )
    assert (
        f"/imports/upload/?ledger=renewal.determinations&amp;target={pk}"
        in client.get(f"/renewal/projects/{pk}/determinations/").content.decode()
    )


def test_the_upload_page_offers_the_units_projects_and_preselects_the_linked_one(client, login, renewal):
    other = project_create(
        actor=renewal.world.jy_admin,
        unit=renewal.world.jiyang,
        name="东关片区",
        communities=[renewal.dongguan],
        start_date=date(2020, 5, 1),
        freeze_date=date(2020, 6, 1),
    )
    login("jy_admin")
    page = client.get(f"/imports/upload/?ledger=renewal.measurements&target={other.pk}").content.decode()
    assert f'<option value="{other.pk}" selected>东关片区</option>' in page
    assert f'<option value="{renewal.project.pk}">老城区棚改</option>' in page
    page = client.get("/imports/upload/?ledger=renewal.measurements&target=999999").content.decode()
    assert "selected>" not in page.split('name="target"')[1].split("</select>")[0]


def test_only_the_unit_admin_imports_and_only_into_the_units_projects(client, login, renewal):
    login("jy_admin")
    page = client.get(f"/imports/upload/?ledger=renewal.measurements&target={renewal.project.pk}").content.decode()
    assert "导入到：<strong>老城区棚改</strong>" in page and "台账文件" in page
    login("jy_group")
    assert client.get(f"/imports/upload/?ledger=renewal.measurements&target={renewal.project.pk}").status_code == 404
    xinshi_project(renewal.world)
    login("xs_admin")
    page = client.get("/imports/upload/?ledger=renewal.measurements").content.decode()
    assert "老城区棚改" not in page
    file = SimpleUploadedFile("测量.xlsx", titled_workbook("测量台账", MEASUREMENT_HEADER, MEASUREMENTS))
    response = client.post(
        "/imports/upload/?ledger=renewal.measurements", {"file": file, "target": str(renewal.project.pk)}
    )
    assert response.status_code == 200 and not PendingImport.objects.exists()


@pytest.mark.parametrize("ledger", ["renewal.households", "renewal.measurements", "renewal.determinations"])
def test_each_renewal_ledger_has_a_template_its_own_import_reads(client, login, renewal, ledger):
    login("jy_admin")
    response = client.get(f"/imports/template.xlsx?ledger={ledger}")
    found = declared(ledger)
    table = open_table(response.content, "模板.xlsx", columns=found.required)
    assert match_headers(table.headers, found.required, found.optional).ok


# --- the red-line list ---------------------------------------------------------------------------------------


def red_line(*numbers) -> bytes:
    return titled_workbook("老城区棚改征收范围户名单", ["序号", "户号"], [[n, no] for n, no in enumerate(numbers, 1)])


def test_the_red_line_list_is_previewed_confirmed_as_a_batch_and_undone(client, login, more):
    login("jy_admin")
    preview = upload(client, "renewal.households", more.project, red_line("JY201", "JY999", "JY001"))
    page = client.get(preview).content.decode()
    assert "表头在第 2 行" in page and "户籍台账中没有这一户，请先导入户籍" in page and "JY999" in page
    assert "重新上传" in page and f"?ledger=renewal.households&amp;target={more.project.pk}" in page
    client.post(preview, {"action": "fix", "fix|4|户编号": "JY202"})
    assert "检查通过" in client.get(preview).content.decode()
    batch = confirm(client, preview)
    assert (
        batch.target == "老城区棚改" and ["新增（户）", 2] in batch.counts and ["已在系统中（户）", 1] in batch.counts
    )
    added = ProjectHousehold.objects.filter(import_batch=batch)
    assert sorted(added.values_list("household__household_no", flat=True)) == ["JY201", "JY202"]
    assert added.first().source == ProjectHousehold.Source.LIST

    assert undo(client, batch).status_code == 302
    batch.refresh_from_db()
    assert batch.is_voided and batch.voided_records == 2
    assert not ProjectHousehold.objects.filter(household__household_no__in=["JY201", "JY202"]).exists()
    assert ProjectHousehold.objects.filter(household__household_no="JY001").exists()  # not the batch's
    assert f"撤销导入批次 {batch.pk}：导错了项目" in timeline_reasons("JY201")


def test_the_red_line_undo_is_refused_once_a_household_has_later_work(client, login, more):
    login("jy_admin")
    batch = confirm(client, upload(client, "renewal.households", more.project, red_line("JY201", "JY202")))
    entry = more.entry("JY201")
    determination_record(
        actor=more.world.jy_admin,
        entry=entry,
        person=Person.objects.filter(household=entry.household).first(),
        registered_on=date(2010, 1, 1),
    )
    page = undo(client, batch).content.decode()
    assert "这一批导入的户已有后续工作，不能整批撤销" in page and "人口界定 1 条" in page
    batch.refresh_from_db()
    assert not batch.is_voided and ProjectHousehold.objects.filter(import_batch=batch).count() == 2


# --- measurements --------------------------------------------------------------------------------------------


def measurement_ledger(rows=MEASUREMENTS) -> bytes:
    return titled_workbook("济阳街道老城区棚改测量台账（2020年5月）", MEASUREMENT_HEADER, rows)


def test_the_measurement_ledger_is_previewed_confirmed_as_a_batch_and_undone(client, login, renewal):
    login("jy_admin")
    bad = [*MEASUREMENTS, ["院落", "CL-9", "城里居", "JY001", "土坯", "1", "", "2020-05-20", "陈组长、吴工作"]]
    page = client.get(upload(client, "renewal.measurements", renewal.project, measurement_ledger(bad))).content
    page = page.decode()
    assert "表头在第 2 行" in page and "土坯" in page and "建筑结构" in page and not Site.objects.exists()

    batch = confirm(client, upload(client, "renewal.measurements", renewal.project, measurement_ledger()))
    assert ["新增（次测量）", 3] in batch.counts
    assert Measurement.objects.filter(import_batch=batch, status=RecordStatus.ACTIVE).count() == 3
    assert Site.objects.filter(import_batch=batch).count() == 3
    assert renewal.entry("JY001").measured_on == date(2020, 5, 20)
    assert "撤销整批" in client.get(f"/imports/batches/{batch.pk}/").content.decode()

    assert undo(client, batch, "测量日期整列错位").status_code == 302
    batch.refresh_from_db()
    assert batch.is_voided and batch.voided_records == 6  # 3 measurements and the 3 sites they created
    assert not Measurement.objects.filter(status=RecordStatus.ACTIVE).exists()
    assert not Site.objects.filter(status=RecordStatus.ACTIVE).exists()
    assert renewal.entry("JY001").measured_on is None
    assert Measurement.objects.first().void_reason == f"撤销导入批次 {batch.pk}：测量日期整列错位"
    assert f"撤销导入批次 {batch.pk}：测量日期整列错位" in timeline_reasons("JY001")
    household = Household.objects.get(household_no="JY001")
    assert (
        f"撤销导入批次 {batch.pk}：测量日期整列错位"
        in client.get(f"/registry/households/{household.pk}/").content.decode()
    )

    again = confirm(client, upload(client, "renewal.measurements", renewal.project, measurement_ledger()))
    assert Measurement.objects.filter(import_batch=again, status=RecordStatus.ACTIVE).count() == 3


def test_the_measurement_undo_is_refused_once_an_owner_has_signed(client, login, renewal):
    login("jy_admin")
    batch = confirm(client, upload(client, "renewal.measurements", renewal.project, measurement_ledger()))
    entry = renewal.entry("JY001")
    determined(entry, [rules.COUNTED] * entry.household.members.count())
    published_policy(renewal.project)
    agreement = agreement_choose(actor=renewal.world.jy_admin, entry=renewal.entry("JY001"), option="货币补偿")
    agreement_sign(actor=renewal.world.jy_admin, agreement=agreement, signed_on=date(2020, 9, 10))
    page = undo(client, batch).content.decode()
    assert "这一批导入的测量已有后续工作，不能整批撤销：院落 CL-001 2020-05-20 的测量：户 JY001 已签约" in page
    batch.refresh_from_db()
    assert not batch.is_voided and Measurement.objects.filter(status=RecordStatus.ACTIVE).count() == 3


def test_the_command_imports_measurements_as_a_batch_and_void_import_undoes_it(renewal, tmp_path, capsys):
    path = tmp_path / "测量台账.xlsx"
    path.write_bytes(measurement_ledger())
    call_command("import-measurements", str(path), "--project", "老城区棚改")
    batch = ImportBatch.objects.get(ledger="renewal.measurements")
    assert f"导入批次: {batch.pk}" in capsys.readouterr().out
    assert Measurement.objects.filter(import_batch=batch).count() == 3
    call_command("void-import", str(batch.pk), "--reason", "导错了项目")
    assert f"导入批次 {batch.pk} 已撤销，作废记录 6 条" in capsys.readouterr().out
    assert not Measurement.objects.filter(status=RecordStatus.ACTIVE).exists()


# --- determinations ------------------------------------------------------------------------------------------


def determination_rows(no="JY201"):
    (a, a_id), (b, b_id) = (
        Person.objects.filter(household__household_no=no).order_by("id").values_list("name", "id_number")
    )
    return [[no, a, a_id, "认定", "冻结日在册", "2020-07-01"], [no, b, b_id, "不认定", "冻结后迁入", "2020/7/2"]]


def determination_ledger(rows) -> bytes:
    return titled_workbook("老城区棚改人口界定台账", DETERMINATION_COLUMNS, rows)


def test_the_determination_ledger_is_confirmed_as_a_batch_and_undone_restoring_the_earlier_verdict(client, login, more):
    login("jy_admin")
    first = confirm(
        client, upload(client, "renewal.determinations", more.project, determination_ledger(determination_rows()))
    )
    rows = determination_rows()
    rows[1][3:5] = ["认定", "复核后认定"]
    second = confirm(client, upload(client, "renewal.determinations", more.project, determination_ledger(rows)))
    assert ["新增（人）", 1] in second.counts and ["已在系统中（人）", 1] in second.counts
    entry = more.entry("JY201")
    assert entry.import_batch == first and entry.determined_on == date(2020, 7, 2)

    assert undo(client, second, "复核结论未定").status_code == 302
    current = Determination.objects.filter(entry=entry, is_current=True).order_by("id")
    assert [(d.verdict, d.import_batch_id) for d in current] == [("认定", first.pk), ("不认定", first.pk)]
    assert f"撤销导入批次 {second.pk}：复核结论未定" in timeline_reasons("JY201")
    history = client.get(f"/renewal/households/{entry.pk}/determinations/").content.decode()
    assert f"导入批次 {second.pk} 已撤销" in history and "复核后认定" in history

    assert undo(client, first).status_code == 302
    assert not Determination.objects.filter(entry=entry, is_current=True).exists()
    entry.refresh_from_db()
    assert entry.determined_on is None
    assert ProjectHousehold.objects.filter(pk=entry.pk).exists()  # the household stays in the red line


def test_the_determination_undo_is_refused_once_posted_in_a_publicity(client, login, more):
    login("jy_admin")
    batch = confirm(
        client, upload(client, "renewal.determinations", more.project, determination_ledger(determination_rows()))
    )
    publicity_create(
        actor=more.world.jy_admin, project=more.project, community=more.world.chengli, starts_on=date(2020, 9, 1)
    )
    page = undo(client, batch).content.decode()
    assert "这一批导入的人口界定已有后续工作，不能整批撤销" in page and "（户 JY201）已于 2020-09-01 起公示" in page
    batch.refresh_from_db()
    assert not batch.is_voided and Determination.objects.filter(import_batch=batch, is_current=True).count() == 2


def test_the_determination_undo_is_refused_once_the_person_was_determined_again(client, login, more):
    login("jy_admin")
    batch = confirm(
        client, upload(client, "renewal.determinations", more.project, determination_ledger(determination_rows()))
    )
    entry = more.entry("JY201")
    determination_record(
        actor=more.world.jy_admin,
        entry=entry,
        person=Person.objects.filter(household=entry.household).order_by("id").first(),
        registered_on=date(2019, 1, 1),
    )
    page = undo(client, batch).content.decode()
    assert "之后已在系统中重新界定" in page and not ImportBatch.objects.get(pk=batch.pk).is_voided

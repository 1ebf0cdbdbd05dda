"""The 一户一档 audit: the check finds 缺项 and 错项, rosters are cross-checked, findings become tasks and close."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.assistance import archives as A
from taizhang.assistance.models import ArchiveFinding, ArchiveItem, RosterEntry
from taizhang.audit.models import AuditEntry
from taizhang.org.models import OrgNode
from taizhang.registry.models import Household, Person
from taizhang.registry.rules import luhn_check_digit
from taizhang.staff.services import node_create
from tests.assistance.conftest import household
from tests.conftest import csv_bytes


def open_findings(no="XS001"):
    return sorted(
        (f.kind, f.item, f.detail)
        for f in ArchiveFinding.objects.filter(assisted__household__household_no=no, fixed_at__isnull=True)
    )


def upload(world, no, item_name):
    A.ensure_items(world.xinshi.id)
    item = ArchiveItem.objects.get(unit=world.xinshi, name=item_name)
    return A.document_upload(
        actor=world.xs_worker if no == "XS001" else world.xs_admin,
        assisted=household(no),
        item=item,
        file=SimpleUploadedFile(f"{item_name}.pdf", b"%PDF-1.4 scan"),
    )


def test_the_check_finds_missing_documents_and_data(assisted):
    result = A.archive_check(actor=assisted.xs_admin, unit=assisted.xinshi)
    assert result.households == 2 and result.new == result.open
    assert ("missing", "银行账号", "没有银行账号，帮扶资金无法发放") in open_findings()
    assert ("missing", "帮扶计划", "缺少帮扶计划") in open_findings()
    assert AuditEntry.objects.filter(object_type="assistance.archive-check").count() == 1


def test_uploading_or_correcting_closes_findings_on_the_next_check(assisted):
    A.archive_check(actor=assisted.xs_admin, unit=assisted.xinshi)
    upload(assisted, "XS001", "帮扶计划")
    Household.objects.filter(household_no="XS001").update(
        bank_account="622848012345678901" + luhn_check_digit("622848012345678901")
    )
    result = A.archive_check(actor=assisted.xs_admin, unit=assisted.xinshi)
    assert result.new == 0 and result.closed == 2
    closed = ArchiveFinding.objects.filter(fixed_at__isnull=False).values_list("item", "fix_note")
    assert set(closed) == {("帮扶计划", "复查已更正"), ("银行账号", "复查已更正")}
    again = A.archive_check(actor=assisted.xs_admin, unit=assisted.xinshi)
    assert (again.new, again.closed) == (0, 0)  # a repeated check changes nothing


def test_the_archive_record_is_compared_with_the_registry(assisted):
    A.record_update(actor=assisted.xs_worker, assisted=household("XS001"), family_size=4, account_holder="王五")
    Person.objects.filter(name="张小明").update(life_status="deceased")
    A.archive_check(actor=assisted.xs_admin, unit=assisted.xinshi)
    findings = open_findings()
    assert ("wrong", "家庭成员", "档案记载 4 人，户籍台账在世成员 2 人") in findings
    assert ("wrong", "家庭成员", "张小明已死亡或注销，仍列为家庭成员") in findings
    assert ("wrong", "银行账号", "持卡人“王五”不是本户在世成员") in findings


def test_rosters_by_id_number_become_wrong_items(assisted):
    zhang_san = Person.objects.get(household__household_no="XS001", name="张三")
    report = A.roster_import(
        actor=assisted.xs_admin,
        unit=assisted.xinshi,
        roster="disability",
        data=csv_bytes([[zhang_san.id_number, "张三"]], ["身份证号", "姓名"]),
        filename="残联.csv",
    )
    assert report.ok and report.applied and RosterEntry.objects.count() == 1
    A.archive_check(actor=assisted.xs_admin, unit=assisted.xinshi)
    assert ("wrong", "残疾人保障", "张三在残联名册中，户籍台账未登记残疾") in open_findings()
    bad = A.roster_import(
        actor=assisted.xs_admin,
        unit=assisted.xinshi,
        roster="school",
        data=csv_bytes([["1234"]], ["身份证号"]),
        filename="学籍.csv",
    )
    assert not bad.ok and bad.errors[0].row == 2 and RosterEntry.objects.filter(roster="school").count() == 0


def test_findings_are_tasks_of_the_archive_group_which_fixes_them(assisted):
    group = node_create(
        actor=None, parent=assisted.xinshi, kind=OrgNode.Kind.WORKGROUP, name="档案资料工作组", subtype="group"
    )
    A.archive_check(actor=assisted.xs_admin, unit=assisted.xinshi)
    assigned = A.findings_assign(
        actor=assisted.xs_admin, unit=assisted.xinshi, group=group, community_id=assisted.xinshi_village.id
    )
    assert assigned == ArchiveFinding.objects.filter(community=assisted.xinshi_village).count() > 0
    finding = ArchiveFinding.objects.filter(group=group).first()
    with pytest.raises(PermissionDenied):
        A.finding_fix(actor=assisted.wenshao_worker, finding=finding, note="x")
    with pytest.raises(ValidationError, match="整改情况"):
        A.finding_fix(actor=assisted.xs_admin, finding=finding, note="")
    fixed = A.finding_fix(actor=assisted.xs_admin, finding=finding, note="已补齐")
    assert fixed.fixed_by == assisted.xs_admin and not fixed.is_open
    progress = {row["community"]: row for row in A.progress_by_community(assisted.xs_admin)}
    assert progress["新市村"]["fixed"] == 1 and set(progress) == {"新市村", "闻韶村"}


def test_only_the_admin_runs_the_check_and_adds_items(assisted):
    with pytest.raises(PermissionDenied):
        A.archive_check(actor=assisted.xs_worker, unit=assisted.xinshi)
    A.item_add(actor=assisted.xs_admin, unit_id=assisted.xinshi.id, name="危房鉴定书", kind="document")
    with pytest.raises(ValidationError):
        A.item_add(actor=assisted.xs_admin, unit_id=assisted.xinshi.id, name="危房鉴定书", kind="document")
    A.archive_check(actor=assisted.xs_admin, unit=assisted.xinshi)
    assert ("missing", "危房鉴定书", "缺少危房鉴定书") in open_findings()


def test_the_commands(assisted, tmp_path):
    import io

    from django.core.management import call_command

    roster = tmp_path / "医保.csv"
    roster.write_bytes(
        csv_bytes([[p.id_number, p.name] for p in Person.objects.filter(unit=assisted.xinshi)], ["身份证号", "姓名"])
    )
    out = io.StringIO()
    call_command("import-roster", str(roster), "--unit", "新市镇", "--roster", "医保", stdout=out)
    assert "医保名册共 5 人" in out.getvalue()
    out = io.StringIO()
    call_command("archive-check", "--unit", "新市镇", stdout=out)
    assert out.getvalue().startswith("检查 2 户：新发现")
    assert not ArchiveFinding.objects.filter(item="医疗").exists()  # everyone is insured


def test_the_archive_pages(client, assisted):
    client.force_login(assisted.xs_admin)
    assert "还没有检查过" in client.get("/assistance/archives/").content.decode()
    client.post("/assistance/archives/", {"action": "check"})
    page = client.get("/assistance/archives/").content.decode()
    assert "缺少帮扶计划" in page and "新市村" in page
    xs001 = household("XS001")
    client.post(
        f"/assistance/households/{xs001.pk}/archive/", {"action": "record", "family_size": 5, "account_holder": "张三"}
    )
    A.ensure_items(assisted.xinshi.id)
    plan = ArchiveItem.objects.get(unit=assisted.xinshi, name="帮扶计划")
    client.post(
        f"/assistance/households/{xs001.pk}/archive/",
        {"action": "document", "item": plan.pk, "file": SimpleUploadedFile("计划.pdf", b"%PDF-1.4")},
    )
    client.post("/assistance/archives/", {"action": "check"})
    archive_page = client.get(f"/assistance/households/{xs001.pk}/archive/").content.decode()
    assert "档案记载 5 人，户籍台账在世成员 3 人" in archive_page and "计划" in archive_page
    finding = ArchiveFinding.objects.filter(assisted=xs001, fixed_at__isnull=True).first()
    client.post(
        f"/assistance/households/{xs001.pk}/archive/", {"action": "fix", "finding": finding.pk, "note": "已核实"}
    )
    finding.refresh_from_db()
    assert not finding.is_open
    client.force_login(assisted.jy_admin)
    assert client.get(f"/assistance/households/{xs001.pk}/archive/").status_code == 404

"""The cross-check as a service: the project's persons against a police extract, one task per discrepancy for the
population group, the counts and the workbook stored with the run, nothing stored for a bad file."""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from taizhang.audit.models import AuditEntry
from taizhang.documents.importing import ImportReport
from taizhang.registry.importing import household_import
from taizhang.registry.models import Household, Person
from taizhang.renewal import crosschecks, rules
from taizhang.renewal.crosscheck import POLICE_COLUMNS
from taizhang.renewal.models import CrosscheckRun, CrosscheckTask
from taizhang.renewal.red_line import household_add
from tests.conftest import csv_bytes, make_id, xlsx_bytes

EXPECTED = {"一致": 3, "公安无此人": 1, "台账未登记": 1, "姓名不符": 1, "冻结后迁入": 1, "死亡或注销": 1, "重复登记": 1}


def id_of(no: str, name: str) -> str:
    return Person.objects.exclude(relation="其他").get(household__household_no=no, name=name).id_number


def x_id() -> str:
    """An ID whose check character is X (so that a lower-case x in the extract can be tried)."""
    return next(i for i in (make_id(seq, date(1985, 7, 7)) for seq in range(60, 400)) if i.endswith("X"))


def police_world(renewal) -> list[list[str]]:
    """JY103 (王五, an ID ending in X) joins the project; JY102 holds a legacy copy of 李梅 (JY001) whose ID was
    typed in full-width digits. Returns an extract with one record of every category."""
    if not Household.objects.filter(household_no="JY103").exists():  # the people once; the extract every call
        _add_people(renewal)
    return [
        ["張 三", id_of("JY001", "张三"), "H001", "城里居幸福街01号", "1990-01-01", "正常"],  # traditional, space
        ["李梅", id_of("JY001", "李梅"), "H001", "城里居幸福街01号", "1990-01-01", "正常"],  # in two households
        ["张三", id_of("JY101", "张三"), "H101", "东关居幸福街01号", "2020-07-01", "正常"],  # after the freeze
        ["李梅", id_of("JY101", "李梅"), "H101", "东关居幸福街01号", "1990-01-01", "死亡"],
        ["张晓明", id_of("JY101", "张小明"), "H101", "东关居幸福街01号", "2000-01-01", "正常"],
        ["李梅", id_of("JY102", "李梅"), "H102", "东关居幸福街02号", "2020-06-01", "正常"],  # on the freeze day
        ["王 五", x_id().lower(), "H103", "东关居幸福街03号", "", "正常"],  # lower-case x
        ["孙七", make_id(90, date(1975, 1, 1)), "H109", "东关居幸福街09号", "2001-01-01", "正常"],  # not in the ledger
        ["周八", make_id(91, date(1975, 1, 1)), "H201", "新市镇新市村8号", "2001-01-01", "正常"],  # outside the area
    ]  # JY102's 张三 is missing: 公安无此人


def _add_people(renewal) -> None:
    world = renewal.world
    rows = [["JY103", "东关居", "东关居幸福街03号", "王五", x_id(), "户主", ""]]
    assert household_import(unit=world.jiyang, data=csv_bytes(rows), filename="jy103.csv").applied
    household_add(actor=world.jy_admin, project=renewal.project, household=Household.objects.get(household_no="JY103"))
    li_mei = Person.objects.get(household__household_no="JY001", name="李梅")
    Person.objects.create(
        unit=li_mei.unit,
        household=Household.objects.get(household_no="JY102"),
        relation="其他",
        name="李梅",
        name_initials="lm",
        id_number=unicodedata.normalize("NFKC", li_mei.id_number).translate(
            str.maketrans("0123456789", "０１２３４５６７８９")
        ),
        id_reversed="",
        gender="女",
        birth_date=li_mei.birth_date,
    )


def run(renewal, rows, *, filename="公安.csv", encoding="utf-8", actor=None, confirm_partial=False):
    data = csv_bytes(rows, POLICE_COLUMNS, encoding=encoding)
    return crosschecks.crosscheck_run(
        actor=actor or renewal.world.jy_admin,
        project=renewal.project,
        data=data,
        filename=filename,
        confirm_partial=confirm_partial,
    )


def test_every_discrepancy_becomes_a_task_for_the_population_group(renewal):
    result = run(renewal, police_world(renewal))
    assert isinstance(result, CrosscheckRun)
    assert result.counts == EXPECTED and result.rows == 9
    tasks = list(CrosscheckTask.objects.filter(run=result))
    assert sorted(t.category for t in tasks) == sorted(c for c in rules.CATEGORIES if c != rules.SAME)
    assert {t.group for t in tasks} == {renewal.population}
    assert all(t.status == CrosscheckTask.Status.OPEN for t in tasks)


def test_a_task_carries_the_ledger_entry_and_its_community_except_for_a_person_only_the_police_know(renewal):
    result = run(renewal, police_world(renewal))
    by_category = {t.category: t for t in CrosscheckTask.objects.filter(run=result).select_related("entry__household")}
    unknown = by_category["台账未登记"]
    assert unknown.entry is None and unknown.community is None and unknown.police_address == "东关居幸福街09号"
    moved = by_category["冻结后迁入"]
    assert moved.entry.household.household_no == "JY101" and moved.community == renewal.dongguan
    assert moved.person.name == "张三" and moved.police_hukou_no == "H101"
    mismatch = by_category["姓名不符"]
    assert (mismatch.ledger_name, mismatch.police_name) == ("张小明", "张晓明")
    assert "JY001" in by_category["重复登记"].detail and "JY102" in by_category["重复登记"].detail
    assert by_category["公安无此人"].entry.household.household_no == "JY102"


def test_the_workbook_is_stored_with_the_run_and_opens(renewal):
    result = run(renewal, police_world(renewal))
    with result.details.open("rb") as stored:
        rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(stored.read())).active.iter_rows()]
    assert rows[0][0] == "类别" and len(rows) == 1 + 6 + 1
    # of the matches, only the one by 繁简字 (張 三 / 张三), with the note for the reviewer
    assert [r[-1] for r in rows[1:] if r[0] == "一致"] == ["公安：張 三，台账：张三（張/张 为繁简字）"]


def test_the_run_is_audited_with_its_counts(renewal):
    result = run(renewal, police_world(renewal))
    entry = AuditEntry.objects.get(object_type="renewal.crosscheck", object_id=str(result.pk))
    assert entry.changes["一致"] == [None, 3] and entry.changes["台账未登记"] == [None, 1]
    assert entry.unit_id == renewal.project.unit_id


def test_a_gbk_extract_gives_the_same_counts(renewal):
    assert run(renewal, police_world(renewal), encoding="gbk").counts == EXPECTED


def test_an_excel_extract_gives_the_same_counts(renewal):
    data = xlsx_bytes(police_world(renewal), POLICE_COLUMNS)
    result = crosschecks.crosscheck_run(actor=None, project=renewal.project, data=data, filename="公安.xlsx")
    assert result.counts == EXPECTED and result.run_by is None


@pytest.mark.parametrize(
    "data, filename, message",
    [
        (csv_bytes([["张三", "1", "2", "3"]], ["姓名", "身份证", "户号", "住址"]), "公安.csv", "缺少必填列"),
        (csv_bytes([], POLICE_COLUMNS), "公安.csv", "没有数据行"),
        (b"\x00\x01\x02garbage\xff\xfe" * 50, "公安.xlsx", ""),
        (b"", "公安.csv", ""),
        (csv_bytes([["张三", "", "H1", "城里居1号", "", "正常"]], POLICE_COLUMNS), "公安.csv", "身份证号不能为空"),
    ],
)
def test_a_bad_file_stores_nothing(renewal, data, filename, message):
    result = crosschecks.crosscheck_run(
        actor=renewal.world.jy_admin, project=renewal.project, data=data, filename=filename
    )
    assert isinstance(result, ImportReport) and not result.ok
    assert message in result.errors[0].as_text()
    assert not CrosscheckRun.objects.exists() and not CrosscheckTask.objects.exists()
    assert not AuditEntry.objects.filter(object_type="renewal.crosscheck").exists()


def test_only_the_unit_admin_runs_a_crosscheck(renewal):
    with pytest.raises(PermissionDenied):
        run(renewal, police_world(renewal), actor=renewal.jy_population_worker)


def test_a_new_run_closes_the_open_tasks_of_the_previous_one(renewal):
    rows = police_world(renewal)
    first = run(renewal, rows)
    done = CrosscheckTask.objects.filter(run=first, category="姓名不符").get()
    crosschecks.task_resolve(actor=renewal.jy_population_worker, task=done, resolution="已核实，台账姓名有误")
    second = run(renewal, rows)
    old = {t.category: t for t in CrosscheckTask.objects.filter(run=first)}
    assert old["姓名不符"].resolution == "已核实，台账姓名有误"
    assert {t.resolution for c, t in old.items() if c != "姓名不符"} == {crosschecks.SUPERSEDED}
    assert CrosscheckTask.objects.filter(status="open").count() == 6
    assert set(CrosscheckTask.objects.filter(status="open").values_list("run", flat=True)) == {second.pk}
    audit = AuditEntry.objects.get(object_type="renewal.crosscheck", object_id=str(second.pk))
    assert audit.changes["上次比对未处理任务"][1].startswith("5 个")


def test_resolving_a_task_is_audited_on_the_households_timeline(renewal):
    result = run(renewal, police_world(renewal))
    task = CrosscheckTask.objects.get(run=result, category="冻结后迁入")
    crosschecks.task_resolve(actor=renewal.jy_population_worker, task=task, resolution="迁入不予认定")
    task.refresh_from_db()
    assert task.status == "resolved" and task.resolved_by == renewal.jy_population_worker and task.resolved_at
    entry = AuditEntry.objects.get(object_type="renewal.crosscheck_task", object_id=str(task.pk))
    assert entry.household_id == task.entry.household_id and entry.changes["处理说明"] == [None, "迁入不予认定"]


def test_a_task_of_a_person_only_the_police_know_is_audited_on_the_project(renewal):
    result = run(renewal, police_world(renewal))
    task = CrosscheckTask.objects.get(run=result, category="台账未登记")
    crosschecks.task_resolve(actor=renewal.jy_population_worker, task=task, resolution="已迁出，非本项目")
    entry = AuditEntry.objects.get(object_type="renewal.crosscheck_task", object_id=str(task.pk))
    assert entry.household_id is None and entry.unit_id == renewal.project.unit_id


def test_a_task_is_resolved_once_with_a_note_and_only_within_scope(renewal):
    result = run(renewal, police_world(renewal))
    task = CrosscheckTask.objects.get(run=result, category="冻结后迁入")  # 东关居
    with pytest.raises(ValidationError, match="写明"):
        crosschecks.task_resolve(actor=renewal.jy_population_worker, task=task, resolution="  ")
    with pytest.raises(PermissionDenied):
        crosschecks.task_resolve(actor=renewal.world.jy_worker, task=task, resolution="看过了")  # 城里居's worker
    with pytest.raises(PermissionDenied):
        crosschecks.task_resolve(actor=renewal.world.xs_admin, task=task, resolution="看过了")
    crosschecks.task_resolve(actor=renewal.world.jy_admin, task=task, resolution="已核实")
    with pytest.raises(ValidationError, match="已处理"):
        crosschecks.task_resolve(actor=renewal.jy_population_worker, task=task, resolution="再处理")


def test_a_community_worker_sees_their_communitys_tasks_only(renewal):
    result = run(renewal, police_world(renewal))
    seen = crosschecks.tasks(renewal.world.jy_worker, result)
    assert {t.community.name for t in seen} == {"城里居"}
    assert crosschecks.tasks(renewal.jy_population_worker, result).count() == 6
    assert crosschecks.task_figures(renewal.jy_population_worker, result)["台账未登记"] == {"total": 1, "open": 1}


def one_household(renewal) -> list[list[str]]:
    """An extract that covers JY001 only (城里居): 东关居 is left out."""
    return [row for row in police_world(renewal) if row[2] == "H001"]


def test_a_preview_shows_the_coverage_the_counts_and_what_it_supersedes_and_writes_nothing(renewal):
    first = run(renewal, police_world(renewal))
    audits = AuditEntry.objects.count()
    data = csv_bytes(one_household(renewal), POLICE_COLUMNS)
    preview = crosschecks.crosscheck_preview(
        actor=renewal.world.jy_admin, project=renewal.project, data=data, filename="公安.csv"
    )
    assert [(c.community, c.persons, c.found) for c in preview.coverage] == [("城里居", 2, 2), ("东关居", 7, 1)]
    assert (preview.total.persons, preview.total.found) == (9, 3)
    assert preview.partial and preview.supersedes == 6
    assert preview.counts["公安无此人"] == 6
    assert list(CrosscheckRun.objects.all()) == [first] and AuditEntry.objects.count() == audits
    assert CrosscheckTask.objects.filter(status=CrosscheckTask.Status.OPEN).count() == 6


def test_a_full_extract_previews_without_a_warning(renewal):
    data = csv_bytes(police_world(renewal), POLICE_COLUMNS)
    preview = crosschecks.crosscheck_preview(actor=None, project=renewal.project, data=data, filename="公安.csv")
    assert not preview.partial and preview.warnings == [] and preview.supersedes == 0
    assert preview.counts == EXPECTED


def test_a_preview_of_a_bad_file_is_its_report(renewal):
    data = csv_bytes([], POLICE_COLUMNS)
    report = crosschecks.crosscheck_preview(actor=None, project=renewal.project, data=data, filename="公安.csv")
    assert isinstance(report, ImportReport) and not report.ok


def test_only_the_unit_admin_previews(renewal):
    data = csv_bytes(police_world(renewal), POLICE_COLUMNS)
    with pytest.raises(PermissionDenied):
        crosschecks.crosscheck_preview(
            actor=renewal.jy_population_worker, project=renewal.project, data=data, filename="公安.csv"
        )


def test_a_partial_extract_is_refused_without_confirmation_and_nothing_changes(renewal):
    first = run(renewal, police_world(renewal))
    with pytest.raises(ValidationError, match="3/9"):
        run(renewal, one_household(renewal))
    assert list(CrosscheckRun.objects.all()) == [first]
    assert CrosscheckTask.objects.filter(run=first, status=CrosscheckTask.Status.OPEN).count() == 6


def test_a_confirmed_partial_extract_runs_and_the_audit_says_so(renewal):
    data = csv_bytes(one_household(renewal), POLICE_COLUMNS)
    result = crosschecks.crosscheck_run(
        actor=renewal.world.jy_admin, project=renewal.project, data=data, filename="公安.csv", confirm_partial=True
    )
    assert isinstance(result, CrosscheckRun) and result.counts["公安无此人"] == 6
    entry = AuditEntry.objects.get(object_type="renewal.crosscheck", object_id=str(result.pk))
    assert "3/9" in entry.changes["覆盖不全，已确认比对"][1]


def test_withdrawing_a_run_closes_its_tasks_and_opens_the_ones_it_superseded(renewal):
    first = run(renewal, police_world(renewal))
    done = CrosscheckTask.objects.get(run=first, category="姓名不符")
    crosschecks.task_resolve(actor=renewal.jy_population_worker, task=done, resolution="已核实")
    data = csv_bytes(one_household(renewal), POLICE_COLUMNS)
    wrong = crosschecks.crosscheck_run(
        actor=renewal.world.jy_admin, project=renewal.project, data=data, filename="错.csv", confirm_partial=True
    )
    assert set(CrosscheckTask.objects.filter(superseded_by=wrong).values_list("run", flat=True)) == {first.pk}
    crosschecks.crosscheck_withdraw(actor=renewal.world.jy_admin, run=wrong, reason="传错文件，只含一户")
    wrong.refresh_from_db()
    assert wrong.withdrawn_at is not None and wrong.withdrawn_by == renewal.world.jy_admin
    assert wrong.withdraw_reason == "传错文件，只含一户"
    assert CrosscheckTask.objects.filter(run=wrong).exists()  # kept, not deleted
    assert not CrosscheckTask.objects.filter(run=wrong, status=CrosscheckTask.Status.OPEN).exists()
    assert all(t.resolution.startswith("已撤回") for t in CrosscheckTask.objects.filter(run=wrong))
    assert CrosscheckTask.objects.filter(run=first, status=CrosscheckTask.Status.OPEN).count() == 5
    done.refresh_from_db()
    assert done.resolution == "已核实"  # resolved before the wrong run: stays resolved
    assert crosschecks.latest_run(renewal.project) == first
    entry = AuditEntry.objects.get(object_type="renewal.crosscheck", object_id=str(wrong.pk), action="update")
    assert entry.changes["撤回原因"] == [None, "传错文件，只含一户"] and entry.changes["重新打开被取代的任务"][1] == 5


def test_only_the_latest_run_can_be_withdrawn(renewal):
    first = run(renewal, police_world(renewal))
    second = run(renewal, police_world(renewal))
    with pytest.raises(ValidationError, match="只能撤回最近一次比对"):
        crosschecks.crosscheck_withdraw(actor=renewal.world.jy_admin, run=first, reason="错")
    crosschecks.crosscheck_withdraw(actor=renewal.world.jy_admin, run=second, reason="重复上传")
    with pytest.raises(ValidationError, match="已撤回"):
        crosschecks.crosscheck_withdraw(actor=renewal.world.jy_admin, run=second, reason="再撤")
    assert crosschecks.may_withdraw(renewal.world.jy_admin, first)
    assert not crosschecks.may_withdraw(renewal.world.jy_admin, second)


def test_withdrawing_needs_the_unit_admin_and_a_reason(renewal):
    result = run(renewal, police_world(renewal))
    with pytest.raises(PermissionDenied):
        crosschecks.crosscheck_withdraw(actor=renewal.jy_population_worker, run=result, reason="错")
    with pytest.raises(ValidationError, match="撤回原因"):
        crosschecks.crosscheck_withdraw(actor=renewal.world.jy_admin, run=result, reason="  ")
    result.refresh_from_db()
    assert result.withdrawn_at is None


def test_a_kept_file_opens_only_for_its_user_and_project_and_left_overs_go_after_a_day(renewal):
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone

    from taizhang.core import clock

    admin = renewal.world.jy_admin
    token = crosschecks.pending_store(user=admin, project=renewal.project, upload=ContentFile(b"x", name="a.csv"))
    with crosschecks.pending_open(user=admin, project=renewal.project, token=token) as kept:
        assert kept.read() == b"x"
    for user, token_ in [(renewal.jy_population_worker, token), (admin, "../" + token), (admin, "0" * 32)]:
        with pytest.raises(ValidationError, match="预览已失效"):
            crosschecks.pending_open(user=user, project=renewal.project, token=token_)
    with clock.frozen(timezone.now() + timedelta(days=2)):
        later = crosschecks.pending_store(user=admin, project=renewal.project, upload=ContentFile(b"y", name="b.csv"))
    assert default_storage.listdir(crosschecks.PENDING_DIR)[1] == [f"{renewal.project.pk}-{admin.pk}-{later}"]
    crosschecks.pending_discard(user=admin, project=renewal.project, token=later)
    assert default_storage.listdir(crosschecks.PENDING_DIR)[1] == []

"""The project, its groups, the red-line households and the freeze notice."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.renewal.models import FreezeNotice, ProjectGroup, ProjectHousehold
from taizhang.renewal.projects import freeze_notice_save, group_save, project_create, project_update
from taizhang.renewal.red_line import entries_ensure, household_add, households_import
from tests.conftest import csv_bytes, xlsx_bytes
from tests.renewal.conftest import FREEZE, START, household


def test_a_project_takes_its_groups_from_the_org_tree(renewal):
    groups = {g.name: g for g in ProjectGroup.objects.filter(project=renewal.project)}
    assert set(groups) == {"第一工作组", "第二工作组", "人口界定工作组"}
    assert list(groups["第一工作组"].communities.values_list("name", flat=True)) == ["城里居"]
    assert groups["人口界定工作组"].kind == ProjectGroup.Kind.POPULATION
    assert list(groups["人口界定工作组"].members.all()) == [renewal.jy_population_worker]
    assert AuditEntry.objects.filter(object_type="renewal.project", action=AuditEntry.Action.CREATE).exists()


def test_households_join_the_group_covering_their_community(renewal):
    assert renewal.entry("JY001").group == renewal.first_group
    assert renewal.entry("JY101").group == renewal.second_group
    assert renewal.entry("JY101").source == ProjectHousehold.Source.LIST


def test_only_the_units_admin_creates_a_project(seeded):
    with pytest.raises(PermissionDenied):
        project_create(
            actor=seeded.xs_admin,
            unit=seeded.jiyang,
            name="越权",
            communities=[seeded.chengli],
            start_date=START,
            freeze_date=FREEZE,
        )
    with pytest.raises(PermissionDenied):
        project_create(
            actor=seeded.jy_worker,
            unit=seeded.jiyang,
            name="越权",
            communities=[seeded.chengli],
            start_date=START,
            freeze_date=FREEZE,
        )


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"name": "  "}, "请填写项目名称"),
        ({"freeze_date": date(2020, 4, 30)}, "冻结日期（2020-04-30）不能早于项目启动日期（2020-05-01）"),
        ({"communities": []}, "请至少选择一个涉及村居"),
        ({"publicity_days": 0}, "公示期至少 1 天"),
    ],
)
def test_a_project_is_refused_with_the_reason(seeded, kwargs, message):
    values = {"name": "老城区", "communities": [seeded.chengli], "start_date": START, "freeze_date": FREEZE, **kwargs}
    with pytest.raises(ValidationError) as exc:
        project_create(actor=seeded.jy_admin, unit=seeded.jiyang, **values)
    assert exc.value.messages == [message]


def test_a_community_of_another_unit_is_refused(seeded):
    with pytest.raises(ValidationError, match="新市村不是济阳街道的村居"):
        project_create(
            actor=seeded.jy_admin,
            unit=seeded.jiyang,
            name="老城区",
            communities=[seeded.xinshi_village],
            start_date=START,
            freeze_date=FREEZE,
        )


def test_the_same_name_twice_in_a_unit_is_refused(renewal):
    with pytest.raises(ValidationError, match="已有名为“老城区棚改”的项目"):
        project_create(
            actor=renewal.world.jy_admin,
            unit=renewal.world.jiyang,
            name="老城区棚改",
            communities=[renewal.world.chengli],
            start_date=START,
            freeze_date=FREEZE,
        )


def test_moving_the_freeze_date_needs_a_reason_and_is_audited(renewal):
    project = renewal.project
    common = dict(
        actor=renewal.world.jy_admin,
        project=project,
        name=project.name,
        start_date=START,
        publicity_days=10,
        special_cases=["college", "soldier"],
        newborn_cutoff=date(2020, 12, 31),
        marriage_cutoff=None,
    )
    with pytest.raises(ValidationError, match="修改冻结日期须说明原因"):
        project_update(freeze_date=date(2020, 6, 15), **common)
    project_update(freeze_date=date(2020, 6, 15), reason="区政府公告更正", **common)
    project.refresh_from_db()
    rules = project.determination_rules()
    assert rules.freeze_date == date(2020, 6, 15) and rules.counted_special_cases == {"college", "soldier"}
    assert rules.newborn_cutoff == date(2020, 12, 31)
    entry = AuditEntry.objects.filter(object_type="renewal.project", action=AuditEntry.Action.UPDATE).get()
    assert entry.changes["冻结日期"] == ["2020-06-01", "2020-06-15"] and entry.reason == "区政府公告更正"


def test_a_household_outside_the_projects_communities_is_refused(renewal):
    from taizhang.org.models import OrgNode
    from taizhang.registry.importing import household_import
    from taizhang.staff.services import node_create
    from tests.conftest import household_rows

    node_create(actor=None, parent=renewal.world.jiyang, kind=OrgNode.Kind.COMMUNITY, name="北关居", subtype="urban")
    assert household_import(
        unit=renewal.world.jiyang, data=csv_bytes(household_rows("JY201", "北关居", 1, 60)), filename="b.csv"
    ).applied
    with pytest.raises(ValidationError, match="不在项目“老城区棚改”涉及的村居内"):
        household_add(actor=renewal.world.jy_admin, project=renewal.project, household=household("JY201"))


def test_a_household_is_added_once(renewal):
    with pytest.raises(ValidationError, match="已在项目“老城区棚改”的征收范围内"):
        household_add(actor=renewal.world.jy_admin, project=renewal.project, household=household("JY001"))


def test_entries_ensure_adds_only_the_missing_and_audits_them(renewal):
    ProjectHousehold.objects.filter(household__household_no="JY102").delete()
    before = AuditEntry.objects.filter(object_type="renewal.household").count()
    result = entries_ensure(
        actor=None,
        project=renewal.project,
        households=[household("JY001"), household("JY102")],
        source=ProjectHousehold.Source.MEASUREMENT,
    )
    assert {e.household.household_no for e in result.values()} == {"JY001", "JY102"}
    assert result[household("JY102").pk].source == ProjectHousehold.Source.MEASUREMENT
    assert AuditEntry.objects.filter(object_type="renewal.household").count() == before + 1


def test_the_list_import_is_whole_or_nothing_with_every_bad_row(renewal):
    ProjectHousehold.objects.filter(household__household_no="JY102").delete()
    rows = [["JY102"], ["XS001"], ["JY999"], ["JY102"]]  # XS001 is 新市镇's
    report = households_import(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        data=xlsx_bytes(rows, header=["户编号"]),
        filename="红线.xlsx",
    )
    assert not report.ok and not report.applied
    assert [(e.row, e.reason) for e in report.errors] == [
        (3, "户籍台账中没有这一户，请先导入户籍"),
        (4, "户籍台账中没有这一户，请先导入户籍"),
        (5, "与第2行重复"),
    ]
    assert not ProjectHousehold.objects.filter(household__household_no="JY102").exists()


def test_reimporting_the_list_changes_nothing(renewal):
    data = csv_bytes([["JY001"], ["JY101"], ["JY102"]], header=["户编号"], encoding="gbk")
    report = households_import(actor=renewal.world.jy_admin, project=renewal.project, data=data, filename="红线.csv")
    assert report.ok and report.created == 0 and report.unchanged == 3
    assert ProjectHousehold.objects.filter(project=renewal.project).count() == 3


def test_a_list_with_the_wrong_header_says_which_column_is_missing(renewal):
    report = households_import(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        data=csv_bytes([["JY001"]], header=["门牌号"]),
        filename="红线.csv",
    )
    assert [e.reason for e in report.errors] == ["缺少必填列：户编号（请下载模板核对表头）"]


def test_a_group_covers_only_the_projects_communities_and_staff_of_the_unit(renewal):
    world = renewal.world
    with pytest.raises(ValidationError, match="新市村不在本项目涉及的村居内"):
        group_save(actor=world.jy_admin, project=renewal.project, name="第三工作组", communities=[world.xinshi_village])
    with pytest.raises(ValidationError, match="张帮扶不是本单位在岗人员"):
        group_save(actor=world.jy_admin, project=renewal.project, name="第三工作组", members=[world.xs_worker])
    group = group_save(
        actor=world.jy_admin,
        project=renewal.project,
        name="第一工作组",
        group=renewal.first_group,
        communities=[world.chengli],
        blocks="正安街以东",
        leader=renewal.jy_group_leader,
        members=[world.jy_worker],
    )
    assert set(group.members.all()) == {world.jy_worker, renewal.jy_group_leader}
    change = AuditEntry.objects.filter(object_type="renewal.group").latest("id")
    assert (
        change.changes["负责片区（街巷）"] == [None, "正安街以东"]
        or change.changes["负责片区（街巷）"][1] == "正安街以东"
    )


def test_the_freeze_notice_is_saved_and_audited(renewal):
    notice = freeze_notice_save(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        issued_on=date(2020, 5, 25),
        scope="城里居、东关居红线内",
        text="自2020年6月1日起冻结。",
    )
    assert FreezeNotice.objects.get(project=renewal.project) == notice
    freeze_notice_save(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        issued_on=date(2020, 5, 26),
        scope="城里居、东关居红线内",
        text="自2020年6月1日起冻结。",
    )
    last = AuditEntry.objects.filter(object_type="renewal.freeze_notice").latest("id")
    assert last.changes == {"发布日期": ["2020-05-25", "2020-05-26"]}
    with pytest.raises(PermissionDenied):
        freeze_notice_save(
            actor=renewal.world.jy_worker, project=renewal.project, issued_on=date(2020, 5, 26), scope="x", text="y"
        )

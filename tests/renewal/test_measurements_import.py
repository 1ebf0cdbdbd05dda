"""`taizhang import-measurements`: the measurement ledgers kept in Excel before the system."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from taizhang.audit.models import AuditEntry
from taizhang.org.models import OrgNode
from taizhang.registry.importing import household_import
from taizhang.renewal.measurement_import import measurements_import
from taizhang.renewal.models import Building, Measurement, ProjectHousehold, Site
from taizhang.staff.services import node_create
from tests.conftest import csv_bytes, household_rows, xlsx_bytes

HEADER = [
    "对象类型（院落/厂房）",
    "编号",
    "村居",
    "户编号（厂房：企业名称）",
    "建筑结构",
    "建筑面积",
    "占地面积",
    "测量日期",
    "测量人",
]
ROWS = [
    ["院落", "CL-001", "城里居", "JY001", "砖混", "120.5", "150", "2020-05-20", "陈组长、吴工作"],
    ["院落", "CL-001", "城里居", "JY001", "简易", "15.25", "", "2020-05-20", "陈组长、吴工作"],
    ["院落", "DG-001", "东关居", "JY101、JY102", "砖木", "88", "100", "2020/5/21", "陈组长、老李"],
    ["厂房", "F-01", "东关居", "东关印刷厂", "钢混", "1800", "2500", "2020年5月22日", "老李、老王"],
]


def run(renewal, rows=ROWS, header=HEADER, data=None, filename="测量台账.csv", **kwargs):
    return measurements_import(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        data=data if data is not None else csv_bytes(rows, header=header),
        filename=filename,
        **kwargs,
    )


def test_the_happy_path_creates_sites_measurements_and_buildings(renewal):
    report = run(renewal)
    assert report.ok and report.applied, [e.as_text() for e in report.errors]
    assert (report.rows, report.created, report.unchanged) == (4, 3, 0)
    cl = Site.objects.get(number="CL-001")
    m = cl.measurements.get()
    assert m.is_current and m.source == Measurement.Source.IMPORT and m.measured_on == date(2020, 5, 20)
    assert m.floor_area == D("135.75") and m.site_area == D("150.00") and cl.floor_area == D("135.75")
    assert sorted(Building.objects.filter(measurement=m).values_list("structure", flat=True)) == ["砖混", "简易"]
    factory = Site.objects.get(kind=Site.Kind.FACTORY)
    assert factory.enterprise == "东关印刷厂" and factory.owners.count() == 0
    assert factory.measurements.get().buildings.get().use == "厂房"
    assert renewal.entry("JY001").measured_on == date(2020, 5, 20)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT, object_repr="测量台账.csv").count() == 1
    assert (
        AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT_CREATE, object_type="renewal.measurement").count()
        == 4
    )


def test_a_shared_courtyard_has_every_household_named(renewal):
    run(renewal)
    site = Site.objects.get(number="DG-001")
    assert sorted(site.owners.values_list("household__household_no", flat=True)) == ["JY101", "JY102"]
    assert renewal.entry("JY101").measured_on == renewal.entry("JY102").measured_on == date(2020, 5, 21)


def test_measurers_are_linked_to_staff_by_full_name_and_the_others_kept_as_written(renewal):
    run(renewal)
    cl = Measurement.objects.get(site__number="CL-001")
    assert sorted(u.username for u in cl.measurers.all()) == ["jy_group", "jy_worker"] and cl.measurer_names == ""
    dg = Measurement.objects.get(site__number="DG-001")
    assert [u.username for u in dg.measurers.all()] == ["jy_group"] and dg.measurer_names == "老李"
    from taizhang.renewal.selectors import measurer_text

    assert measurer_text(dg) == "陈组长、老李"


def test_households_named_are_added_to_the_project(renewal):
    report = household_import(
        unit=renewal.world.jiyang, data=csv_bytes(household_rows("JY003", "城里居", 1, 70)), filename="more.csv"
    )
    assert report.ok
    rows = [["院落", "CL-003", "城里居", "JY003", "砖混", "60", "80", "2020-05-25", "陈组长、吴工作"]]
    assert run(renewal, rows).applied
    entry = ProjectHousehold.objects.get(household__household_no="JY003")
    assert entry.source == ProjectHousehold.Source.MEASUREMENT and entry.group == renewal.first_group
    assert entry.measured_on == date(2020, 5, 25)


def test_whole_or_nothing_with_every_bad_row_reported(renewal):
    nanguan = node_create(
        actor=None, parent=renewal.world.jiyang, kind=OrgNode.Kind.COMMUNITY, name="南关居", subtype="urban"
    )
    assert nanguan
    assert household_import(
        unit=renewal.world.jiyang, data=csv_bytes(household_rows("JY201", "南关居", 1, 80)), filename="ng.csv"
    ).ok
    rows = ROWS + [
        ["楼房", "X-1", "城里居", "JY001", "砖混", "10", "", "2020-05-20", "陈组长、吴工作"],  # 6: kind
        ["院落", "CL-009", "城里居", "XS001", "砖混", "10", "", "2020-05-20", "陈组长、吴工作"],  # 7: another unit's
        [
            "院落",
            "CL-010",
            "城里居",
            "JY201",
            "砖混",
            "10",
            "",
            "2020-05-20",
            "陈组长、吴工作",
        ],  # 8: outside the project
        ["院落", "CL-011", "城里居", "JY001", "土坯", "abc", "", "2030-01-01", "陈组长"],  # 9: four problems
        ["院落", "CL-001", "东关居", "JY001", "砖混", "10", "", "2020-05-20", "陈组长、吴工作"],  # 10: other 村居
    ]
    report = run(renewal, rows)
    assert not report.ok and not report.applied
    found = {(e.row, e.column) for e in report.errors}
    assert {
        (6, "对象类型"),
        (7, "户编号"),
        (8, "户编号"),
        (9, "建筑结构"),
        (9, "建筑面积"),
        (9, "测量日期"),
        (9, "测量人"),
        (10, "村居"),
    } <= found
    text = "\n".join(e.as_text() for e in report.errors)
    assert "户籍台账中没有这一户" in text and "不在项目涉及的村居内" in text and "不能晚于今天" in text
    assert Site.objects.count() == 0 and Measurement.objects.count() == 0


def test_a_gbk_csv_with_plain_headers_is_read(renewal):
    header = ["对象类型", "编号", "村居", "户编号", "建筑结构", "建筑面积", "占地面积", "测量日期", "测量人"]
    report = run(renewal, data=csv_bytes(ROWS, header=header, encoding="gbk"))
    assert report.ok and report.created == 3


def test_an_excel_file_is_read(renewal):
    report = run(renewal, data=xlsx_bytes(ROWS, header=HEADER), filename="测量台账.xlsx")
    assert report.ok and report.created == 3


def test_wrong_headers_are_a_clear_message_and_nothing_is_written(renewal):
    """类型, 户号 and 结构 are read as 对象类型, 户编号 and 建筑结构; 面积, 占地 and 日期 say too little."""
    report = run(renewal, header=["类型", "编号", "村居", "户号", "结构", "面积", "占地", "日期", "测量人"])
    assert not report.ok and report.errors[0].reason.startswith("缺少必填列：建筑面积、占地面积、测量日期")
    assert report.unknown_columns == ["面积", "占地", "日期"]
    assert Site.objects.count() == 0


def test_garbage_is_a_clear_message(renewal):
    report = run(renewal, data=b"\x00\xff\xfe garbage", filename="x.xlsx")
    assert not report.ok and report.errors[0].row is None


def test_reimporting_the_same_file_changes_nothing(renewal):
    assert run(renewal).applied
    audit = AuditEntry.objects.count()
    report = run(renewal)
    assert report.ok and (report.created, report.unchanged) == (0, 3)
    assert Measurement.objects.count() == 3 and AuditEntry.objects.count() == audit  # nothing new, no trace


def test_a_different_measurement_on_the_same_day_is_refused(renewal):
    run(renewal)
    rows = [["院落", "CL-001", "城里居", "JY001", "砖混", "99", "150", "2020-05-20", "陈组长、吴工作"]]
    report = run(renewal, rows)
    assert not report.ok and "复测请在系统中录入" in report.errors[0].reason


def test_a_later_date_is_a_remeasurement_in_the_history(renewal):
    run(renewal)
    rows = [["院落", "CL-001", "城里居", "JY001", "砖混", "140", "150", "2020-08-01", "陈组长、吴工作"]]
    assert run(renewal, rows).created == 1
    site = Site.objects.get(number="CL-001")
    assert site.measurements.count() == 2 and site.floor_area == D("140.00") and site.measured_on == date(2020, 5, 20)


def test_the_command_prints_the_summary_or_the_errors(renewal, tmp_path, capsys):
    path = tmp_path / "测量台账.csv"
    path.write_bytes(csv_bytes(ROWS, header=HEADER))
    call_command("import-measurements", str(path), "--project", "老城区棚改", "--dry-run")
    assert "检查通过（未写入）" in capsys.readouterr().out and Site.objects.count() == 0
    call_command("import-measurements", str(path), "--project", "老城区棚改")
    assert "新增 3 次测量" in capsys.readouterr().out
    path.write_bytes(
        csv_bytes([["院落", "", "城里居", "JY001", "砖混", "1", "", "2020-05-20", "甲、乙"]], header=HEADER)
    )
    with pytest.raises(SystemExit):
        call_command("import-measurements", str(path), "--project", "老城区棚改")
    assert "第2行「编号」" in capsys.readouterr().out

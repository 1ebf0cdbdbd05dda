"""The renewal signals through the kernel's detection (taizhang.integrity.detection.detect): what each kind finds in
records written the real way, what it leaves alone, the records it names, and the queries it takes."""

import io
from datetime import date, datetime, timedelta
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append
from taizhang.core import clock
from taizhang.core.manifest import module
from taizhang.integrity.detection import detect
from taizhang.integrity.exporting import write_csv
from taizhang.integrity.kinds import kind_labels
from taizhang.integrity.models import Signal
from taizhang.integrity.services import run_signals, setting_set
from taizhang.registry.models import Person
from taizhang.registry.services import person_update
from taizhang.renewal import measurements
from taizhang.renewal.agreements import agreement_choose, agreement_sign, agreement_vacate, agreement_void
from taizhang.renewal.determinations import determination_record
from taizhang.renewal.models import Agreement, Determination, Site
from taizhang.renewal.projects import entry_draft, project_create
from taizhang.renewal.red_line import households_import
from taizhang.renewal.sites import site_create
from taizhang.renewal.violations import violation_report
from tests.conftest import csv_bytes
from tests.renewal.conftest import household
from tests.renewal.scoping_compensation import example_household, published_policy

pytestmark = pytest.mark.django_db
MAY, JUNE = (date(2020, 5, 1), date(2020, 5, 31)), (date(2020, 6, 1), date(2020, 6, 30))


def found(renewal, period, kind):
    unit = renewal.project.unit_id
    return [f.finding for f in detect(unit, *period, module_keys={"renewal"}) if f.finding.kind == f"renewal.{kind}"]


def courtyard(renewal, number, owners=("JY001",)):
    return site_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.COURTYARD,
        number=number,
        community=renewal.world.chengli,
        owners=[renewal.entry(no) for no in owners],
    )


def measure(renewal, site, area, on=date(2020, 5, 20), built_on=None, extra=None):
    buildings = [{"label": "正房", "structure": "砖混", "floor_area": D(area), "built_on": built_on}]
    if extra:
        buildings.append({"label": extra[0], "structure": "简易", "floor_area": D("12"), "built_on": extra[1]})
    return measurements.measurement_record(
        actor=renewal.jy_group_leader,
        site=site,
        measured_on=on,
        measurers=[renewal.jy_group_leader, renewal.world.jy_worker],
        buildings=buildings,
    )


def lane(renewal, areas=("100", "110", "120", "130", "140")):
    return [measure(renewal, courtyard(renewal, f"CL-{n:03d}"), area) for n, area in enumerate(areas, start=1)]


# --- measurements ---------------------------------------------------------------------------------------------


def test_a_courtyard_measured_far_above_its_lane_is_found_with_its_record(renewal):
    lane(renewal)
    big = measure(renewal, courtyard(renewal, "CL-009"), "400")
    [finding] = found(renewal, MAY, "area_outlier")
    assert finding.day == date(2020, 5, 20) and finding.community_id == renewal.world.chengli.pk
    assert finding.detail == (
        "院落 CL-009（户 JY001） 2020-05-20 测得建筑面积 400.00 m²，是城里居第一工作组其余 5 处院落面积中位数 "
        "120.00 m² 的 3.33 倍，超过 2.5 倍"
    )
    [record] = finding.records
    assert record.ref == f"measurement:{big.pk}" and record.url == f"/renewal/measurements/{big.pk}/"
    assert record.columns == ("老城区棚改", "JY001", "院落 CL-009 测量", "2020-05-20", "吴工作、陈组长")
    assert found(renewal, JUNE, "area_outlier") == []


def test_the_units_own_ratio_from_its_effective_date_decides(renewal):
    lane(renewal)
    measure(renewal, courtyard(renewal, "CL-009"), "400")
    setting_set(
        actor=renewal.world.jy_admin,
        unit=renewal.project.unit,
        kind="renewal.area_outlier",
        param="ratio",
        value="4",
        effective_from=date(2020, 5, 1),
    )
    assert found(renewal, MAY, "area_outlier") == []


def test_a_lane_of_ordinary_courtyards_and_a_factory_flag_nothing(renewal):
    lane(renewal, ("60", "95", "120", "150", "180", "210"))
    factory = site_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.FACTORY,
        number="F1",
        community=renewal.world.chengli,
        enterprise="城里印刷厂",
    )
    measure(renewal, factory, "1800")
    assert found(renewal, MAY, "area_outlier") == []


def test_a_re_measurement_far_from_the_earlier_one_names_both(renewal):
    site = courtyard(renewal, "CL-001")
    first = measure(renewal, site, "100", on=date(2020, 5, 20))
    again = measure(renewal, site, "130", on=date(2020, 6, 10))
    [finding] = found(renewal, JUNE, "area_changed")
    assert [r.ref for r in finding.records] == [f"measurement:{first.pk}", f"measurement:{again.pk}"]
    assert "比 2020-05-20 的测量（100.00 m²）多 30.00 m²（30.0%）" in finding.detail
    assert found(renewal, MAY, "area_changed") == []  # about the June measurement


def test_a_re_measurement_within_the_tolerance_is_not_found(renewal):
    site = courtyard(renewal, "CL-001")
    measure(renewal, site, "100", on=date(2020, 5, 20))
    measure(renewal, site, "108", on=date(2020, 6, 10))
    assert found(renewal, JUNE, "area_changed") == []


def test_voiding_a_measurement_and_measuring_larger_is_found(renewal):
    site = courtyard(renewal, "CL-001")
    first = measure(renewal, site, "100", on=date(2020, 5, 20))
    measurements.measurement_void(actor=renewal.world.jy_admin, measurement=first, reason="测错了")
    measure(renewal, site, "150", on=date(2020, 6, 10))
    [finding] = found(renewal, JUNE, "area_changed")
    assert finding.detail.endswith("前一次测量已作废，原因：测错了")
    assert finding.records[0].label.endswith("（已作废）")


def test_a_building_built_after_the_freeze_is_found_and_the_violation_ledger_is_consulted(renewal):
    site = courtyard(renewal, "CL-001")
    measure(renewal, site, "100", on=date(2020, 6, 20), built_on=date(1990, 1, 1), extra=("东厢房", date(2020, 6, 1)))
    assert found(renewal, JUNE, "built_after_freeze") == []  # the freeze day itself is before
    late = measure(renewal, site, "100", on=date(2020, 6, 25), extra=("西厢房", date(2020, 6, 12)))
    [finding] = found(renewal, JUNE, "built_after_freeze")
    assert finding.records[0].ref == f"measurement:{late.pk}"
    assert "西厢房建成于 2020-06-12，晚于冻结日 2020-06-01；控违台账中没有该户的违建记录" in finding.detail
    violation_report(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        location="城里居幸福街01号",
        kind="新建",
        description="院内新建厢房",
        found_on=date(2020, 6, 26),
        entry=renewal.entry("JY001"),
    )
    [finding] = found(renewal, JUNE, "built_after_freeze")
    assert finding.detail.endswith("控违台账已有该户违建记录")


# --- determinations -------------------------------------------------------------------------------------------

MOMENT = timezone.make_aware(datetime(2020, 7, 10, 9, 0))
JULY = (date(2020, 7, 1), date(2020, 7, 31))


def first_person(renewal, no):
    return Person.objects.filter(household=household(no)).order_by("id").first()


def determine(renewal, no, *, minute, project_entry=None, **facts):
    entry = project_entry or renewal.entry(no)
    d = determination_record(
        actor=renewal.jy_population_worker,
        entry=entry,
        person=first_person(renewal, no),
        decided_on=date(2020, 7, 10),
        **{"registered_on": date(2020, 5, 28), **facts},
    )
    Determination.objects.filter(pk=d.pk).update(created_at=MOMENT + timedelta(minutes=minute))
    return d


def test_identical_facts_for_three_households_in_minutes_are_found(renewal):
    entered = [determine(renewal, no, minute=m) for no, m in (("JY001", 0), ("JY101", 3), ("JY102", 7))]
    [finding] = found(renewal, JULY, "determination_burst")
    assert [r.ref for r in finding.records] == [f"determination:{d.pk}" for d in entered]
    assert finding.day == date(2020, 7, 10) and finding.community_id is None  # 城里居 and 东关居
    assert finding.detail.startswith(
        "郑界定 2020-07-10 09:00 至 09:07 录入 3 户 3 人的人口界定，界定事实完全相同（迁入日期 2020-05-28，实际居住）"
    )
    assert finding.records[0].columns == (
        "老城区棚改",
        "JY001",
        f"人口界定 {entered[0].name}",
        "2020-07-10",
        "郑界定",
    )
    assert finding.records[0].url == f"/renewal/households/{renewal.entry('JY001').pk}/determinations/"


def test_the_same_facts_entered_at_a_normal_pace_are_not_a_burst(renewal):
    for no, m in (("JY001", 0), ("JY101", 12), ("JY102", 24)):
        determine(renewal, no, minute=m)
    assert found(renewal, JULY, "determination_burst") == []


def second_project(renewal, households=("JY101",)):
    project = project_create(
        actor=renewal.world.jy_admin,
        unit=renewal.project.unit,
        name="东关片区改造",
        communities=[renewal.dongguan],
        start_date=date(2020, 5, 1),
        freeze_date=date(2020, 6, 1),
    )
    households_import(
        actor=renewal.world.jy_admin,
        project=project,
        data=csv_bytes([[no] for no in households], header=["户编号"]),
        filename="红线.csv",
    )
    return project.households.select_related("household", "project").get(household__household_no=households[0])


def test_a_person_counted_in_two_projects_is_found_with_the_number_masked(renewal):
    person = first_person(renewal, "JY101")
    first = determine(renewal, "JY101", minute=0)
    again = determination_record(
        actor=renewal.jy_population_worker,
        entry=second_project(renewal),
        person=person,
        registered_on=date(2010, 1, 1),
        decided_on=date(2020, 7, 20),
    )
    [finding] = found(renewal, JULY, "counted_twice")
    assert [r.ref for r in finding.records] == [f"determination:{first.pk}", f"determination:{again.pk}"]
    assert finding.day == date(2020, 7, 20)
    assert person.id_number not in finding.detail and f"{person.id_number[:6]}{'*' * 12}" in finding.detail
    assert "老城区棚改 户 JY101" in finding.detail and "东关片区改造 户 JY101" in finding.detail
    # The later determination's day: a period before it does not hold it.
    assert found(renewal, (date(2020, 7, 1), date(2020, 7, 15)), "counted_twice") == []


def test_a_person_counted_again_after_moving_household_is_found(renewal):
    person = Person.objects.filter(household=household("JY101")).order_by("id").last()  # a son, not the head
    determination_record(
        actor=renewal.jy_population_worker,
        entry=renewal.entry("JY101"),
        person=person,
        registered_on=date(2010, 1, 1),
        decided_on=date(2020, 7, 1),
    )
    person = person_update(actor=renewal.world.jy_admin, person=person, household=household("JY102"))
    determination_record(
        actor=renewal.jy_population_worker,
        entry=renewal.entry("JY102"),
        person=person,
        registered_on=date(2010, 1, 1),
        decided_on=date(2020, 7, 12),
    )
    [finding] = found(renewal, JULY, "counted_twice")
    assert "在 2 处均被认定：老城区棚改 户 JY101" in finding.detail and "老城区棚改 户 JY102" in finding.detail


def test_a_person_not_counted_the_second_time_is_not_found(renewal):
    determine(renewal, "JY101", minute=0)
    determination_record(
        actor=renewal.jy_population_worker,
        entry=second_project(renewal),
        person=first_person(renewal, "JY101"),
        registered_on=date(2020, 6, 15),  # after that project's freeze: 不认定
        decided_on=date(2020, 7, 20),
    )
    assert found(renewal, JULY, "counted_twice") == []


# --- agreements -----------------------------------------------------------------------------------------------


def signed(renewal, no="JY201"):
    published_policy(renewal.project)
    entry = example_household(renewal.project, no)
    agreement = agreement_choose(actor=renewal.world.jy_admin, entry=entry, option="货币补偿")
    return agreement_sign(actor=renewal.world.jy_admin, agreement=agreement, signed_on=date(2020, 9, 10))


def today():
    return (clock.today(), clock.today())


def test_an_agreement_vacated_with_its_award_or_voided_and_signed_again_is_not_found(renewal):
    agreement = agreement_vacate(actor=renewal.world.jy_admin, agreement=signed(renewal), vacated_on=date(2020, 9, 25))
    other = signed(renewal, "JY202")
    agreement_void(actor=renewal.world.jy_admin, agreement=other, reason="面积复核后重签")
    again = agreement_choose(actor=renewal.world.jy_admin, entry=other.entry, option="货币补偿")
    agreement_sign(actor=renewal.world.jy_admin, agreement=again, signed_on=date(2020, 9, 20))
    assert agreement.amount > D("0")
    assert found(renewal, today(), "amount_moved") == []


def test_an_amount_changed_behind_the_audit_trail_is_found(renewal):
    agreement = signed(renewal)
    Agreement.objects.filter(pk=agreement.pk).update(amount=agreement.amount + 50000)
    [finding] = found(renewal, today(), "amount_moved")
    assert finding.records[0].ref == f"agreement:{agreement.pk}"
    assert finding.records[0].columns == ("老城区棚改", "JY201", "协议 2020-0001", "2020-09-10", "周主任")
    assert f"与审计记录最后登记的 {agreement.amount:,.2f} 元不符" in finding.detail
    assert f"计算明细合计仍为 {agreement.amount:,.2f} 元" in finding.detail


def test_an_amount_changed_in_the_trail_without_a_step_is_found(renewal):
    agreement = signed(renewal)
    raised = agreement.amount + 30000
    Agreement.objects.filter(pk=agreement.pk).update(amount=raised)
    audit_append(
        [
            entry_draft(
                agreement.entry,
                AuditEntry.Action.UPDATE,
                "renewal.agreement",
                agreement.pk,
                "老城区棚改 协议 JY201",
                {"补偿金额（元）": [str(agreement.amount), str(raised)]},
            )
        ],
        actor=renewal.world.jy_admin,
    )
    [finding] = found(renewal, today(), "amount_moved")
    assert f"周主任（jy_admin） {clock.now().astimezone(timezone.get_current_timezone()):%Y-%m-%d}" in finding.detail
    assert f"将补偿金额由 {agreement.amount:,.2f} 元改为 {raised:,.2f} 元" in finding.detail


# --- all together ---------------------------------------------------------------------------------------------


def world_of_records(renewal, n):
    lane(renewal, [str(100 + 10 * k) for k in range(5)] + ["500"])
    site = Site.objects.get(project=renewal.project, number="CL-001")
    measure(renewal, site, "150", on=date(2020, 5, 25), extra=("棚", date(2020, 6, 5)))
    for no, m in (("JY001", 0), ("JY101", 2), ("JY102", 4)):
        determine(renewal, no, minute=m + n * 30)
    Agreement.objects.filter(pk=signed(renewal, f"JY2{n:02d}").pk).update(amount=D("1"))


def test_the_signals_take_a_fixed_number_of_queries_whatever_the_records(renewal):
    period = (date(2020, 5, 1), clock.today())
    world_of_records(renewal, 1)
    with CaptureQueriesContext(connection) as few:
        first = detect(renewal.project.unit_id, *period, module_keys={"renewal"})
    assert {f.finding.kind for f in first} == {
        "renewal.area_outlier",
        "renewal.area_changed",
        "renewal.built_after_freeze",
        "renewal.determination_burst",
        "renewal.amount_moved",
    }
    for n in range(2, 5):
        signed(renewal, f"JY2{n:02d}")
        for no, m in (("JY001", 0), ("JY101", 2), ("JY102", 4)):
            determine(renewal, no, minute=n * 30 + m, registered_on=date(2020, 5, 20 + n))
    measure(renewal, Site.objects.get(project=renewal.project, number="CL-002"), "300", on=date(2020, 6, 2))
    with CaptureQueriesContext(connection) as many:
        later = detect(renewal.project.unit_id, *period, module_keys={"renewal"})
    assert len(later) > len(first)
    assert len(many) == len(few)


def test_another_units_records_are_never_found(renewal):
    lane(renewal)
    measure(renewal, courtyard(renewal, "CL-009"), "400")
    assert found(renewal, MAY, "area_outlier")
    assert detect(renewal.world.xinshi.pk, *MAY, module_keys={"renewal"}) == []


def test_a_run_keeps_the_signals_once_and_they_print_with_the_modules_columns(renewal):
    for no, m in (("JY001", 0), ("JY101", 3), ("JY102", 7)):
        determine(renewal, no, minute=m)
    for _ in range(2):
        run = run_signals(actor=renewal.world.jy_admin, unit=renewal.project.unit, start=JULY[0], end=JULY[1])
    assert (run.found, run.new, run.gone) == (1, 0, 0)
    [signal] = Signal.objects.filter(unit=renewal.project.unit)
    assert (signal.module, signal.kind) == ("renewal", "renewal.determination_burst")
    stream = io.StringIO()
    findings = [f.finding for f in detect(renewal.project.unit_id, *JULY, module_keys={"renewal"})]
    write_csv(stream, module("renewal").signal_columns, findings, kind_labels())
    header, *rows = stream.getvalue().splitlines()
    assert header == "项目,户编号,记录,日期,经办人,疑点类型,说明"
    assert len(rows) == 3 and rows[0].startswith("老城区棚改,JY001,人口界定 张三,2020-07-10,郑界定,界定事实批量雷同,")

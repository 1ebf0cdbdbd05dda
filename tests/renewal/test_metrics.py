"""棚改旧改's published figures: the progress page's running totals per unit and 村居 as of a day, over every project
of the units; a measurer's households; a group member's home card of households still to measure."""

from datetime import date
from decimal import Decimal as D

from taizhang.core.manifest import Value
from taizhang.renewal import measurements, metrics, progress
from taizhang.renewal.models import Site
from taizhang.renewal.sites import site_create
from tests.renewal.test_progress_selectors import agreement, determined

SEPT = date(2020, 9, 1)


def courtyard(renewal, number, owners):
    entries = [renewal.entry(no) for no in owners]
    return site_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        kind=Site.Kind.COURTYARD,
        number=number,
        community=entries[0].community,
        owners=entries,
        land_type="国有",
    )


def measure(renewal, site, on, measurers):
    """Two measurers: those named, the unit admin making up the pair."""
    measurers = measurers if len(measurers) == 2 else [*measurers, renewal.world.jy_admin]
    return measurements.measurement_record(
        actor=renewal.world.jy_admin,
        site=site,
        measured_on=on,
        measurers=measurers,
        site_area=D(150),
        buildings=[{"label": "主房", "structure": "砖混", "floors": 1, "floor_area": D(100)}],
    )


def figures(compute, renewal, day):
    return compute(unit_ids=[renewal.project.unit_id], as_of=day, month=day.replace(day=1))


def test_a_measurement_after_the_day_does_not_count(renewal):
    measure(renewal, courtyard(renewal, "CL-1", ["JY001"]), date(2020, 9, 10), [renewal.jy_group_leader])
    measure(renewal, courtyard(renewal, "DG-1", ["JY101"]), date(2020, 9, 20), [renewal.jy_group_leader])
    unit, chengli, dongguan = renewal.project.unit_id, renewal.world.chengli.pk, renewal.dongguan.pk
    assert figures(metrics.measured, renewal, date(2020, 9, 9)) == {}
    assert figures(metrics.measured, renewal, date(2020, 9, 15)) == {(unit, chengli): Value(1)}
    assert figures(metrics.measured, renewal, date(2020, 9, 20)) == {
        (unit, chengli): Value(1),
        (unit, dongguan): Value(1),
    }


def test_the_figures_match_the_progress_page_per_community(renewal):
    measure(renewal, courtyard(renewal, "DG-1", ["JY101", "JY102"]), date(2020, 9, 10), [renewal.jy_group_leader])
    determined(renewal, "JY101", date(2020, 9, 12))
    agreement(renewal, "JY001", signed_on=date(2020, 9, 1), vacated_on=date(2020, 9, 25))
    agreement(renewal, "JY102", signed_on=date(2020, 9, 5))
    day = date(2020, 9, 20)
    page = progress.progress_as_of(renewal.world.jy_admin, renewal.project, day)
    by_name = {row.name: row.figures for row in page.communities}
    unit = renewal.project.unit_id
    for compute, field in (
        (metrics.measured, "measured"),
        (metrics.determined, "determined"),
        (metrics.signed, "signed"),
        (metrics.vacated, "vacated"),
    ):
        values = figures(compute, renewal, day)
        for community in (renewal.world.chengli, renewal.dongguan):
            assert values.get((unit, community.pk), Value(0)).count == getattr(by_name[community.name], field), field
    assert figures(metrics.vacated, renewal, day) == {}
    assert figures(metrics.vacated, renewal, date(2020, 9, 25)) == {(unit, renewal.world.chengli.pk): Value(1)}


def test_a_measurers_households(renewal):
    worker = renewal.world.jy_worker
    measure(
        renewal, courtyard(renewal, "DG-1", ["JY101", "JY102"]), date(2020, 9, 10), [renewal.jy_group_leader, worker]
    )
    measure(renewal, courtyard(renewal, "CL-1", ["JY001"]), date(2020, 9, 20), [renewal.jy_group_leader])
    assert metrics.measured_by(worker, as_of=date(2020, 9, 30), month=SEPT) == Value(2)
    assert metrics.measured_by(renewal.jy_group_leader, as_of=date(2020, 9, 15), month=SEPT) == Value(2)
    assert metrics.measured_by(renewal.jy_group_leader, as_of=date(2020, 9, 30), month=SEPT) == Value(3)
    assert metrics.measured_by(renewal.world.xs_worker, as_of=date(2020, 9, 30), month=SEPT) is None


def test_a_group_members_card_lists_the_groups_unmeasured_households(renewal):
    card = metrics.worker_home(renewal.jy_group_leader, date(2020, 9, 30))
    assert card.title == "本组待测量（1 户）" and [i.text for i in card.items] == ["JY001 张三"]
    measure(renewal, courtyard(renewal, "CL-1", ["JY001"]), date(2020, 9, 20), [renewal.jy_group_leader])
    assert metrics.worker_home(renewal.jy_group_leader, date(2020, 9, 30)).items == []
    assert metrics.worker_home(renewal.jy_population_worker, date(2020, 9, 30)) is None

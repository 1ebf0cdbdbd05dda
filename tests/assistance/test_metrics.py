"""帮扶's published figures: 走访达标率 exactly as the compliance command counts it, per unit and per 村居; overdue
problems and assisted households as of a day; a helper's own compliance; the helper's home card."""

import csv
import io
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from taizhang.assistance import metrics, rules, selectors
from taizhang.assistance.importing import ASSISTED_COLUMNS, VISIT_COLUMNS
from taizhang.assistance.models import AssistedHousehold, Problem
from taizhang.core.manifest import Value
from taizhang.registry.importing import household_import
from tests.assistance.conftest import household, visit
from tests.conftest import csv_bytes, household_rows

SEPTEMBER = date(2020, 9, 1)
MORE = [
    ("XS003", "新市村"),
    ("XS004", "新市村"),
    ("XS005", "新市村"),
    ("XS006", "闻韶村"),
    ("XS007", "闻韶村"),
    ("XS008", "闻韶村"),
]


@pytest.fixture
def september(seeded, tmp_path):
    """Eight assisted households in 新市镇 imported with the commands, and September 2020's visits: every household
    visited twice for 40 minutes except XS008 (闻韶村), visited once: 7 of 8 达标."""
    world = seeded
    rows = []
    for index, (no, village) in enumerate(MORE):
        rows += household_rows(no, village, 2, 100 + index * 10)
    assert household_import(unit=world.xinshi, data=csv_bytes(rows), filename="more.csv").applied
    helper = {"新市村": "xs_worker", "闻韶村": "ws_worker"}
    all_households = [("XS001", "新市村"), ("XS002", "闻韶村"), *MORE]
    assisted_file = tmp_path / "帮扶户.csv"
    assisted_file.write_bytes(
        csv_bytes(
            [[no, "建档立卡户", "2020-01-01", helper[village]] for no, village in all_households], ASSISTED_COLUMNS
        )
    )
    call_command("import-assisted", str(assisted_file), "--unit", "新市镇", stdout=io.StringIO())
    visits = []
    for index, (no, village) in enumerate(all_households):
        days = ["2020-09-03"] if no == "XS008" else ["2020-09-03", "2020-09-17"]
        hour = 8 + index  # one helper is never in two homes at once
        visits += [[no, helper[village], day, f"{hour:02d}:00", f"{hour:02d}:40", "了解近况"] for day in days]
    visits_file = tmp_path / "走访.csv"
    visits_file.write_bytes(csv_bytes(visits, VISIT_COLUMNS))
    call_command("import-visits", str(visits_file), "--unit", "新市镇", stdout=io.StringIO())
    return world


def compliance_command_rate(month: str) -> str:
    """The month's rate from `taizhang visit-compliance`'s CSV: rows 达标 ÷ rows, in percent to one decimal."""
    out = io.StringIO()
    call_command("visit-compliance", "--unit", "新市镇", "--month", month, stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    met = sum(row["是否达标"] == "达标" for row in rows)
    return f"{(Decimal(met) * 100 / len(rows)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def metric_lines(*args) -> list[str]:
    out = io.StringIO()
    call_command("metrics", *args, stdout=out)
    return out.getvalue().splitlines()


def test_the_metrics_command_prints_the_compliance_commands_rate(september, client):
    expected = compliance_command_rate("2020-09")
    assert expected == "87.5%"
    assert f"新市镇 走访达标率: {expected}" in metric_lines("--unit", "新市镇", "--as-of", "2020-09-30")
    client.force_login(september.xs_admin)
    page = client.get("/", {"as_of": "2020-09-30"}).content.decode()
    assert f'<span data-figure="visit_compliance">{expected}</span>' in page
    client.force_login(september.leader)
    row = client.get("/", {"as_of": "2020-09-30"}).content.decode().split('data-row="新市镇"')[1].split("</tr>")[0]
    assert f">{expected}</a>" in row


def test_the_rate_per_village_adds_up_to_the_towns(september):
    values = metrics.visit_compliance(unit_ids=[september.xinshi.pk], as_of=date(2020, 9, 30), month=SEPTEMBER)
    assert values == {
        (september.xinshi.pk, september.xinshi_village.pk): Value(4, 4),
        (september.xinshi.pk, september.wenshao.pk): Value(3, 4),
    }
    report = selectors.month_compliance(september.xs_admin, rules.Month(2020, 9))
    assert {g.name: (g.met, g.households) for g in report.by_community} == {"新市村": (4, 4), "闻韶村": (3, 4)}


def test_a_month_without_visits_meets_nothing_and_a_month_before_assistance_has_no_households(september):
    october = metrics.visit_compliance(
        unit_ids=[september.xinshi.pk], as_of=date(2020, 10, 31), month=date(2020, 10, 1)
    )
    assert sum(v.count for v in october.values()) == 0 and sum(v.of for v in october.values()) == 8
    assert (
        metrics.visit_compliance(unit_ids=[september.xinshi.pk], as_of=date(2019, 12, 31), month=date(2019, 12, 1))
        == {}
    )


def test_assisted_households_as_of_a_day(september):
    before, during = (
        metrics.assisted_households(unit_ids=[september.xinshi.pk], as_of=day, month=SEPTEMBER)
        for day in (date(2019, 12, 31), date(2020, 9, 30))
    )
    assert before == {} and sum(v.count for v in during.values()) == 8
    AssistedHousehold.objects.filter(household__household_no="XS008").update(end_date=date(2020, 9, 15))
    after = metrics.assisted_households(unit_ids=[september.xinshi.pk], as_of=date(2020, 9, 30), month=SEPTEMBER)
    assert after[(september.xinshi.pk, september.wenshao.pk)] == Value(3)


def make_problem(world, no: str, found_on: date, due: date | None, resolved_on: date | None = None) -> Problem:
    assisted = household(no)
    resolved = (
        timezone.make_aware(timezone.datetime(resolved_on.year, resolved_on.month, resolved_on.day, 10))
        if resolved_on
        else None
    )
    return Problem.objects.create(
        unit=assisted.unit,
        community=assisted.community,
        assisted=assisted,
        category="住房",
        description="屋顶漏雨",
        found_on=found_on,
        found_by=world.xs_worker,
        due_date=due,
        resolved_at=resolved,
    )


def test_a_problem_is_overdue_from_the_day_after_its_deadline_until_it_is_solved(september):
    make_problem(september, "XS001", date(2020, 9, 1), date(2020, 9, 10), resolved_on=date(2020, 9, 20))
    make_problem(september, "XS002", date(2020, 9, 1), date(2020, 9, 10))
    make_problem(september, "XS003", date(2020, 9, 1), None)

    def overdue(day):
        return {
            key[1]: value.count
            for key, value in metrics.overdue_problems(
                unit_ids=[september.xinshi.pk], as_of=day, month=SEPTEMBER
            ).items()
        }

    assert overdue(date(2020, 9, 10)) == {}
    assert overdue(date(2020, 9, 11)) == {september.xinshi_village.pk: 1, september.wenshao.pk: 1}
    assert overdue(date(2020, 9, 20)) == {september.wenshao.pk: 1}  # solved on the 20th
    assert overdue(date(2020, 9, 19)) == {september.xinshi_village.pk: 1, september.wenshao.pk: 1}


def test_a_helpers_own_compliance(september):
    assert metrics.helper_compliance(september.xs_worker, as_of=date(2020, 9, 30), month=SEPTEMBER) == Value(4, 4)
    assert metrics.helper_compliance(september.wenshao_worker, as_of=date(2020, 9, 30), month=SEPTEMBER) == Value(3, 4)
    assert metrics.helper_compliance(september.jy_admin, as_of=date(2020, 9, 30), month=SEPTEMBER) is None


def test_the_helpers_card_lists_the_households_still_due_with_the_days_left(assisted):
    today = date(2026, 3, 20)
    visit(assisted.xs_worker, "XS001", date(2026, 3, 2), "09:00", 40)
    card = metrics.worker_home(assisted.xs_worker, today)
    assert card.title == "本月还需走访（1 户）" and card.note == "2026年3月还剩 12 天"
    assert [(i.text, i.detail) for i in card.items] == [("XS001 张三", "还差 1 次走访")]
    visit(assisted.xs_worker, "XS001", date(2026, 3, 9), "09:00", 40)
    assert metrics.worker_home(assisted.xs_worker, today).items == []
    assert metrics.worker_home(assisted.jy_admin, today) is None

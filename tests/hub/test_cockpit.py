"""The home page as the cockpit: the district's units side by side, a unit's 村居, a field worker's work; targets
(set by the district admin only, audited) turn a figure red in the direction of better."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest

from taizhang.assistance.households import assisted_mark
from taizhang.assistance.models import Category
from taizhang.assistance.visits import visit_record
from taizhang.audit.models import AuditEntry
from taizhang.hub.models import MetricTarget
from taizhang.hub.services import metric_target_set, unit_modules_set
from taizhang.org.models import Role, User
from taizhang.registry.models import Household
from taizhang.staff.services import staff_create
from tests.assistance.conftest import local
from tests.conftest import PASSWORD

AS_OF = {"as_of": "2020-09-30"}


@pytest.fixture
def town(seeded):
    """XS001 (新市村, 张帮扶) visited twice in September 2020, XS002 (闻韶村, 孙帮扶) once: 新市镇 at 50%."""
    world = seeded
    world.qu_admin = staff_create(
        actor=None,
        node=world.district,
        username="qu_admin",
        full_name="钱科长",
        role=Role.DISTRICT_ADMIN,
        password=PASSWORD,
    )
    for no, helper, days in (("XS001", world.xs_worker, (3, 17)), ("XS002", world.wenshao_worker, (3,))):
        assisted = assisted_mark(
            actor=world.xs_admin,
            household=Household.objects.get(household_no=no),
            category=Category.REGISTERED,
            start_date=date(2020, 1, 1),
            helpers=[helper],
        )
        for day in days:
            started = local(date(2020, 9, day), "09:00")
            visit_record(
                actor=helper,
                assisted=assisted,
                visitors=[helper],
                started_at=started,
                ended_at=started + timedelta(minutes=40),
            )
    return world


def page(client, user, params=AS_OF) -> str:
    client.force_login(user)
    response = client.get("/", params)
    assert response.status_code == 200
    return response.content.decode()


def row(html: str, name: str) -> str:
    return html.split(f'data-row="{name}"')[1].split("</tr>")[0]


def card(html: str, key: str) -> str:
    return re.search(rf'<span data-figure="{key}">([^<]*)</span>', html).group(1)


def test_the_leader_sees_every_unit_with_the_figures_of_its_modules(client, town):
    unit_modules_set(actor=None, unit=town.jiyang, keys={"renewal"})
    html = page(client, town.leader)
    assert "全区工作概况" in html and card(html, "visit_compliance") == "50.0%" and card(html, "households") == "0"
    assert card(page(client, town.leader, {}), "households") == "3"  # registered today
    xinshi, jiyang = row(html, "新市镇"), row(html, "济阳街道")
    assert ">50.0%</a>" in xinshi and 'href="/assistance/compliance/?month=2020-09"' in xinshi
    assert "未启用“帮扶”" in jiyang and 'data-metric="renewal.measured"' in jiyang
    assert 'id="chart"' in html and '"key": "assistance.visit_compliance"' in html


def test_a_unit_admin_sees_their_units_villages(client, town):
    html = page(client, town.xs_admin)
    assert "新市镇工作概况" in html and 'data-row="济阳街道"' not in html
    assert ">100.0%</a>" in row(html, "新市村") and ">0.0%</a>" in row(html, "闻韶村")
    assert 'href="/assistance/compliance/?month=2020-09&amp;community=' in row(html, "闻韶村")


def test_a_group_leader_sees_their_village_only(client, town):
    html = page(client, town.xs_group_leader)
    assert 'data-row="新市村"' in html and 'data-row="闻韶村"' not in html
    assert card(html, "visit_compliance") == "100.0%"


def test_a_helper_sees_what_is_due_and_their_own_figures(client, town):
    today = date.today()
    html = page(client, town.wenshao_worker, {})
    assert "孙帮扶，您好" in html and "本月还需走访（1 户）" in html and "XS002 张三" in html
    assert "走访达标率" in html and f"{today.year}年{today.month}月" in html


def test_a_figure_behind_its_target_is_red_in_both_directions(client, town):
    metric_target_set(actor=town.qu_admin, metric="assistance.visit_compliance", value=Decimal(90))
    html = page(client, town.xs_admin)
    assert 'text-danger fw-semibold" data-metric="assistance.visit_compliance">0.0%' in row(html, "闻韶村")
    assert 'class="" data-metric="assistance.visit_compliance">100.0%' in row(html, "新市村")
    metric_target_set(actor=town.qu_admin, metric="assistance.visit_compliance", value=Decimal(0))
    metric_target_set(actor=town.qu_admin, metric="assistance.assisted_households", value=Decimal(5))
    html = page(client, town.xs_admin)
    assert "text-danger" not in row(html, "闻韶村").split("visit_compliance")[0][-40:]
    assert 'text-danger fw-semibold" data-metric="assistance.assisted_households"' in row(html, "新市村")
    metric_target_set(actor=town.qu_admin, metric="assistance.overdue_problems", value=Decimal(0))
    assert 'text-danger fw-semibold" data-metric="assistance.overdue_problems"' not in page(client, town.xs_admin)


@pytest.mark.parametrize("username", ["leader", "auditor", "xs_admin", "xs_worker"])
def test_only_the_district_admin_may_set_targets(client, town, username):
    client.force_login(User.objects.get(username=username))
    assert client.get("/hub/targets/").status_code == 403
    assert client.post("/hub/targets/", {"metric": "assistance.visit_compliance", "value": "90"}).status_code == 403
    assert not MetricTarget.objects.exists()


def test_the_district_admin_sets_and_clears_a_target_audited(client, town):
    client.force_login(town.qu_admin)
    listing = client.get("/hub/targets/").content.decode()
    assert 'data-metric="assistance.visit_compliance"' in listing and 'data-metric="registry.households"' in listing
    response = client.post("/hub/targets/", {"metric": "assistance.visit_compliance", "value": "90"}, follow=True)
    assert "走访达标率的目标已保存" in response.content.decode()
    assert MetricTarget.objects.get().value == Decimal(90)
    entry = AuditEntry.objects.get(object_type="hub.metric-target")
    assert entry.changes == {"目标": ["（无）", "90%"]} and entry.actor_id == town.qu_admin.pk
    assert "目标≥90%" in page(client, town.qu_admin)
    client.post("/hub/targets/", {"metric": "assistance.visit_compliance", "value": ""})
    assert not MetricTarget.objects.exists() and AuditEntry.objects.filter(object_type="hub.metric-target").count() == 2
    refused = client.post("/hub/targets/", {"metric": "assistance.visit_compliance", "value": "120"}, follow=True)
    assert "0 到 100" in refused.content.decode() and not MetricTarget.objects.exists()


def test_a_helpers_home_starts_with_their_inbox(client, town):
    html = page(client, town.xs_worker, {})
    assert html.index('id="inbox-summary"') < html.index("我的指标")
    assert "本月走访" in html and "XS001" in html  # still due this month: no visit yet

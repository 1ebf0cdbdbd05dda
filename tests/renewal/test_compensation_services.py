"""Policy versions, the version in force by date, a household's case from its measurements, the preview of a draft."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEntry
from taizhang.renewal import rules
from taizhang.renewal.compensation import household_case, household_compensation, policy_preview
from taizhang.renewal.compensation_policies import policy_create, policy_in_force, policy_publish, policy_update
from taizhang.renewal.models import CompensationPolicy
from tests.renewal.scoping_compensation import (
    EXAMPLE_POLICY,
    FREEZE,
    courtyard,
    determined,
    example_data,
    example_household,
    published_policy,
)

pytestmark = pytest.mark.django_db


def _draft(renewal, effective_from=FREEZE, **changes):
    return policy_create(
        actor=renewal.world.jy_admin,
        project=renewal.project,
        name="补偿方案",
        effective_from=effective_from,
        data=example_data(**changes),
        note="",
    )


def test_the_unit_admin_creates_and_publishes_a_version(renewal):
    policy = _draft(renewal)
    assert policy.status == CompensationPolicy.Status.DRAFT and policy.data["name"] == "补偿方案"
    policy_publish(actor=renewal.world.jy_admin, policy=policy)
    policy.refresh_from_db()
    assert policy.status == CompensationPolicy.Status.PUBLISHED and policy.published_by == renewal.world.jy_admin
    assert AuditEntry.objects.filter(object_type="renewal.policy", object_id=str(policy.pk)).count() == 2


def test_a_field_worker_may_not_touch_the_policy(renewal):
    with pytest.raises(PermissionDenied):
        policy_create(
            actor=renewal.world.jy_worker, project=renewal.project, name="x", effective_from=FREEZE, data=example_data()
        )


def test_a_draft_with_mistakes_is_refused_with_the_reasons(renewal):
    with pytest.raises(ValidationError) as caught:
        _draft(renewal, decoration_per_m2={"amount": "-300", "clause": "第十九条"})
    assert caught.value.messages == ["装修补偿（元/m²）不能为负数"]


def test_a_published_version_is_never_edited(renewal):
    policy = _draft(renewal)
    policy_publish(actor=renewal.world.jy_admin, policy=policy)
    with pytest.raises(ValidationError, match="已公布的政策不能修改"):
        policy_update(
            actor=renewal.world.jy_admin, policy=policy, name="改", effective_from=FREEZE, data=example_data()
        )


def test_a_draft_is_edited_and_its_amounts_spelled_once(renewal):
    policy = _draft(renewal)
    policy_update(
        actor=renewal.world.jy_admin,
        policy=policy,
        name="补偿方案",
        effective_from=date(2020, 7, 1),
        data=example_data(decoration_per_m2={"amount": "350.00", "clause": "第十九条"}),
        note="提高装修补偿",
    )
    policy.refresh_from_db()
    assert policy.effective_from == date(2020, 7, 1) and policy.data["decoration_per_m2"]["amount"] == "350.00"


def test_the_version_in_force_is_the_latest_published_by_that_date(renewal):
    first = published_policy(renewal.project, effective_from=date(2020, 6, 1))
    second = published_policy(renewal.project, effective_from=date(2020, 9, 1), name="第二版")
    published_policy(renewal.project, effective_from=date(2020, 8, 1), name="草稿", status="draft")
    assert policy_in_force(renewal.project, date(2020, 5, 31)) is None
    assert policy_in_force(renewal.project, date(2020, 6, 1)) == first
    assert policy_in_force(renewal.project, date(2020, 8, 31)) == first
    assert policy_in_force(renewal.project, date(2020, 9, 1)) == second


def test_two_versions_may_not_take_effect_on_the_same_day(renewal):
    published_policy(renewal.project)
    with pytest.raises(ValidationError, match="同一日期"):
        policy_publish(actor=renewal.world.jy_admin, policy=_draft(renewal))


def test_the_case_comes_from_the_current_measurements_only(renewal):
    entry = example_household(renewal.project)
    site = entry.sites.get()
    courtyard(
        renewal.project, [entry], site=site, buildings=[("旧正房", "砖混", "有证", "500.00", None)], is_current=False
    )  # an earlier measurement, superseded
    courtyard(
        renewal.project, [entry], site=site, buildings=[("作废房", "砖混", "有证", "300.00", None)], status="voided"
    )  # a voided one
    case = household_case(entry)
    assert [b.label for b in case.buildings] == ["正房", "东厢房", "西侧棚子", "后院新建房"]
    assert case.attachments == (("水井", Decimal("1")), ("树木", Decimal("3")))
    assert case.determined_persons == 4 and case.freeze_date == FREEZE


def test_only_counted_persons_are_resettled(renewal):
    entry = renewal.entry("JY101")
    courtyard(renewal.project, [entry], "B01")
    determined(entry, [rules.COUNTED, rules.NOT_COUNTED, rules.COUNTED])
    assert household_case(entry).determined_persons == 2


def test_a_courtyard_of_two_households_is_shared_equally_to_the_hundredth(renewal):
    first, second = renewal.entry("JY101"), renewal.entry("JY102")
    courtyard(
        renewal.project,
        [second, first],
        "C01",
        buildings=[("正房", "砖混", "有证", "100.01", None)],
        attachments=[("水井", "1")],
    )
    a, b = household_case(first), household_case(second)
    assert [(x.label, x.area) for x in a.buildings] == [("正房（2户共有，按份）", Decimal("50.01"))]  # JY101 first
    assert [(x.label, x.area) for x in b.buildings] == [("正房（2户共有，按份）", Decimal("50.00"))]
    assert a.attachments == (("水井", Decimal("0.50")),) and b.attachments == (("水井", Decimal("0.50")),)


def test_two_courtyards_of_one_household_name_their_buildings_by_courtyard(renewal):
    entry = renewal.entry("JY101")
    courtyard(renewal.project, [entry], "D01", buildings=[("正房", "砖混", "有证", "50.00", None)], attachments=[])
    courtyard(
        renewal.project,
        [entry],
        "D02",
        buildings=[("正房", "砖木", "有证", "20.00", None)],
        attachments=[("树木", "2")],
    )
    assert [b.label for b in household_case(entry).buildings] == ["D01 正房", "D02 正房"]


def test_factories_do_not_count_for_a_household(renewal):
    entry = renewal.entry("JY101")
    measurement = courtyard(renewal.project, [entry], "F01")
    measurement.site.kind = "factory"
    measurement.site.save()
    assert household_case(entry).buildings == ()


def test_the_household_gets_both_options_under_the_policy_in_force(renewal):
    published_policy(renewal.project)
    entry = example_household(renewal.project)
    result = household_compensation(entry, date(2020, 9, 10))
    assert result.monetary.total == Decimal("434691.50")  # the doc's 444,691.50 without the vacating award
    assert result.exchange.option == "产权调换"
    assert result.monetary.excluded == [
        ("西侧棚子", "违法建设，不予补偿"),
        ("后院新建房", "冻结日后（2020-07-15）新建、扩建，不予补偿"),
    ]
    assert household_compensation(entry, date(2020, 9, 10)).monetary == result.monetary  # same inputs, same result


def test_without_a_policy_in_force_there_is_no_breakdown(renewal):
    result = household_compensation(example_household(renewal.project), date(2020, 9, 10))
    assert result.policy is None and result.breakdowns == []


def test_the_preview_shows_each_households_difference_before_publishing(renewal):
    published_policy(renewal.project)
    entry = example_household(renewal.project)
    draft = _draft(renewal, effective_from=date(2020, 9, 1), decoration_per_m2={"amount": "350", "clause": "第十九条"})
    preview = policy_preview(draft)
    row = next(r for r in preview.rows if r.entry == entry)
    assert row.differences == [
        ("装修补偿", Decimal("37425.00"), Decimal("43662.50")),
        ("合计", Decimal("434691.50"), Decimal("440929.00")),
    ]  # signing award 10,000 on 9-01
    others = [r for r in preview.rows if r.entry != entry]
    assert others and all(r.differences == [] for r in others)  # nothing measured: nothing changes
    assert preview.changed == [row] and draft.status == CompensationPolicy.Status.DRAFT


def test_the_first_policys_preview_has_no_before(renewal):
    example_household(renewal.project)
    preview = policy_preview(_draft(renewal))
    assert preview.before_policy is None
    assert {r.before for r in preview.rows} == {None}


def test_the_example_policy_is_what_the_doc_says():
    assert EXAMPLE_POLICY.attachment_prices["树木"].amount == Decimal("35.50")

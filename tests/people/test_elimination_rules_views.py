"""The elimination rules page: the versions in force, and a new version from a chosen cycle (audited); bad rows are
refused in Chinese; staff cannot change the rules."""

import pytest

from taizhang.audit.models import AuditEntry
from taizhang.people import elimination
from taizhang.people.models import EliminationRuleSet

pytestmark = pytest.mark.django_db


def rows(*rules, extra=2):
    data = {"rule-TOTAL_FORMS": str(len(rules) + extra), "rule-INITIAL_FORMS": "0"}
    for i, (grade, count, within, in_a_row, action) in enumerate(rules):
        data.update(
            {f"rule-{i}-grade": grade, f"rule-{i}-count": count, f"rule-{i}-within": within, f"rule-{i}-action": action}
        )
        if in_a_row:
            data[f"rule-{i}-in_a_row"] = "on"
    for i in range(len(rules), len(rules) + extra):
        data.update({f"rule-{i}-grade": "", f"rule-{i}-action": "standby"})
    return data


def test_the_committee_sees_the_default_rules_and_adds_a_version(assessed_zone, login):
    client = login(assessed_zone.committee)
    text = client.get("/people/elimination/rules/").content.decode()
    assert "本周期不合格 → 待岗培训" in text and "连续 3 个周期基本合格 → 解聘/不续聘" in text
    data = {
        "cycle": assessed_zone.cycle.pk,
        "appeal_days": "10",
        "reason": "从严考核",
        **rows(("fail", "1", "1", False, "standby"), ("basic", "2", "", True, "dismiss")),
    }
    client.post("/people/elimination/rules/", data)
    version = EliminationRuleSet.objects.get(
        unit_id=assessed_zone.cycle.unit_id, effective_from=assessed_zone.cycle.starts_on
    )
    assert version.appeal_days == 10 and [r["code"] for r in version.rules] == ["R1", "R2"]
    rules, days = elimination.rules_in_force(assessed_zone.cycle.unit_id, assessed_zone.cycle.starts_on)
    assert rules[1].text == "连续 2 个周期基本合格 → 解聘/不续聘" and days == 10
    assert AuditEntry.objects.get(object_type="people.eliminationrules").reason == "从严考核"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (rows(extra=3), "至少有一条"),
        (rows(("fail", "3", "2", False, "standby")), "次数不能多于"),
        (rows(("fail", "99", "1", False, "standby")), "12"),
        ({**rows(("fail", "1", "1", False, "standby")), "reason": "理" * 3000}, "200"),
    ],
)
def test_bad_rules_are_refused_in_chinese(assessed_zone, login, data, message):
    data = {"cycle": assessed_zone.cycle.pk, "appeal_days": "15", "reason": "修订", **data}
    text = login(assessed_zone.committee).post("/people/elimination/rules/", data).content.decode()
    assert message in text
    assert not EliminationRuleSet.objects.filter(effective_from=assessed_zone.cycle.starts_on).exists()


def test_staff_cannot_see_or_change_the_rules(assessed_zone, login):
    assert login(assessed_zone.staff[0]).get("/people/elimination/rules/").status_code == 403

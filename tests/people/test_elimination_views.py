"""The elimination pages: a locked cycle's recommendations by department, a decision through its confirm page, the
person's appeal (3,000 characters refused in Chinese), the answer, carrying out a dismissal, the to-dos; other units
get 404, other staff 403; query-count guards."""

from datetime import timedelta

import pytest

from taizhang.hub.tasks import Audience
from taizhang.people import elimination, tasks_elimination
from taizhang.people.models import Contract, Recommendation

pytestmark = pytest.mark.django_db
R = Recommendation


@pytest.fixture
def recs(assessed_zone):
    elimination.recommendations_sync(cycle=assessed_zone.cycle)
    return {(r.user.username, r.rule_code): r for r in R.objects.select_related("user")}


def test_the_list_shows_each_recommendation_with_its_rule_and_cycles(assessed_zone, login):
    text = login(assessed_zone.committee).get(f"/people/elimination/cycle/{assessed_zone.cycle.pk}/").content.decode()
    assert "连续 3 个周期基本合格 → 解聘/不续聘" in text and "2020Q1、2020Q2、2020Q3" in text
    assert "孔三" in text and "作出决定" in text
    office = login(assessed_zone.committee).get(
        f"/people/elimination/cycle/{assessed_zone.cycle.pk}/?group={assessed_zone.office.pk}"
    )
    assert "孔三" not in office.content.decode()  # 孔三 is in 经济发展部


def test_a_decision_goes_through_a_confirm_page(recs, assessed_zone, login):
    rec = recs[("kong4", "R3")]
    client = login(assessed_zone.committee)
    form = client.get(f"/people/elimination/{rec.pk}/decide/").content.decode()
    assert "采纳：解聘" in form and "采纳：聘期满不续聘" in form and "不采纳" in form
    too_long = client.post(f"/people/elimination/{rec.pk}/decide/", {"decision": "dismiss", "reason": "理" * 3000})
    assert "不超过 500 字符" in too_long.content.decode()
    page = client.post(
        f"/people/elimination/{rec.pk}/decide/", {"decision": "no_renewal", "reason": "连续三次基本合格"}
    )
    assert "确认决定" in page.content.decode() and "采纳：聘期满不续聘" in page.content.decode()
    rec.refresh_from_db()
    assert rec.status == R.Status.OPEN  # nothing happens before the confirmation
    client.post(
        f"/people/elimination/{rec.pk}/decide/",
        {"decision": "no_renewal", "reason": "连续三次基本合格", "confirmed": "True"},
    )
    rec.refresh_from_db()
    assert rec.status == R.Status.ACCEPTED and rec.decision == R.Decision.NO_RENEWAL


def test_the_person_appeals_and_the_committee_answers(in_term, recs, assessed_zone, login, clock):
    rec = elimination.recommendation_decide(
        actor=assessed_zone.committee, recommendation=recs[("kong3", "R2")], decision="dismiss", reason="两次不合格"
    )
    person = login(rec.user)
    page = person.get(f"/people/elimination/{rec.pk}/").content.decode()
    assert "提出申诉" in page and rec.appeal_until.strftime("%Y-%m-%d") in page
    refused = person.post(f"/people/elimination/{rec.pk}/appeal/", {"text": "长" * 3000}, follow=True)
    assert "不超过 1000 字符" in refused.content.decode()
    person.post(f"/people/elimination/{rec.pk}/appeal/", {"text": "第三季度指标临时调整"})
    rec.refresh_from_db()
    assert rec.appeal == R.Appeal.PENDING
    committee = login(assessed_zone.committee)
    assert "答复申诉" in committee.get(f"/people/elimination/{rec.pk}/").content.decode()
    committee.post(f"/people/elimination/{rec.pk}/answer/", {"uphold": "1", "answer": "经复核维持"})
    assert Contract.objects.get(user=rec.user).status == Contract.Status.ENDED


def test_a_dismissal_without_appeal_is_carried_out_after_the_deadline_from_a_confirm_page(
    in_term, recs, assessed_zone, login, clock
):
    rec = elimination.recommendation_decide(
        actor=assessed_zone.committee, recommendation=recs[("kong4", "R3")], decision="dismiss", reason="连续三次"
    )
    client = login(assessed_zone.committee)
    assert "执行解聘" not in client.get(f"/people/elimination/{rec.pk}/").content.decode()
    clock.advance(timedelta(days=16))
    assert "执行解聘" in client.get(f"/people/elimination/{rec.pk}/").content.decode()
    assert "确认执行" in client.get(f"/people/elimination/{rec.pk}/enforce/").content.decode()
    client.post(f"/people/elimination/{rec.pk}/enforce/")
    assert Contract.objects.get(user=rec.user).status == Contract.Status.ENDED


def test_the_committees_inbox_lists_open_decisions_and_appeals(recs, assessed_zone, clock):
    audience = Audience(assessed_zone.committee, clock.today())
    assert len(tasks_elimination.decision_tasks(audience)) == 3
    assert tasks_elimination.decision_count(audience).total == 3
    rec = elimination.recommendation_decide(
        actor=assessed_zone.committee, recommendation=recs[("kong3", "R1")], decision="standby", reason="待岗"
    )
    elimination.appeal_file(actor=rec.user, recommendation=rec, text="申诉")
    assert tasks_elimination.decision_count(audience).total == 2
    (task,) = tasks_elimination.appeal_tasks(audience)
    assert task.title == "答复淘汰决定申诉" and "孔三" in task.subject
    staff = Audience(assessed_zone.staff[0], clock.today())
    assert tasks_elimination.decision_tasks(staff) == [] and tasks_elimination.appeal_count(staff).total == 0


def test_other_staff_get_403_and_other_units_404(recs, assessed_zone, world, login):
    rec = recs[("kong3", "R1")]
    assert login(assessed_zone.staff[0]).get(f"/people/elimination/{rec.pk}/").status_code == 403
    assert login(world.jy_admin).get(f"/people/elimination/{rec.pk}/").status_code == 404
    assert login(assessed_zone.staff[0]).get(f"/people/elimination/{rec.pk}/decide/").status_code == 403


def test_the_list_pages_queries_are_bounded(recs, assessed_zone, login, django_assert_max_num_queries):
    client = login(assessed_zone.committee)
    with django_assert_max_num_queries(30):
        assert client.get(f"/people/elimination/cycle/{assessed_zone.cycle.pk}/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/people/elimination/").status_code == 200


def test_the_api_gives_a_recommendation_to_the_person_and_the_committee_only(recs, assessed_zone, world, login):
    rec = recs[("kong4", "R3")]
    body = login(rec.user).get(f"/api/people/elimination/{rec.pk}").json()
    assert body["cycles"] == ["2020Q1", "2020Q2", "2020Q3"] and body["status"] == "待决定"
    assert login(assessed_zone.committee).get(f"/api/people/elimination/{rec.pk}").status_code == 200
    assert login(assessed_zone.staff[0]).get(f"/api/people/elimination/{rec.pk}").status_code == 403
    assert login(world.jy_admin).get(f"/api/people/elimination/{rec.pk}").status_code == 404

"""The staff file's pay and elimination parts: the person's pay over the confirmed sheets and the committee's
decisions on them, for the person, the unit's admin and district roles (page and PDF) — never a colleague's."""

from datetime import timedelta

import pytest

from taizhang.people import elimination, pay
from taizhang.people.models import Recommendation
from taizhang.people.sections import outcome, staff_section
from tests.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid_zone(assessed_zone, clock):
    """2020Q3's sheet confirmed; 孔三 (不合格 twice) decided 解聘 by the committee, 孔四's recommendation open."""
    committee = assessed_zone.committee
    pay.sheet_confirm(actor=committee, sheet=pay.sheet_prepare(actor=committee, cycle=assessed_zone.cycle))
    elimination.recommendations_sync(cycle=assessed_zone.cycle)
    rec = Recommendation.objects.get(user=assessed_zone.staff[2], rule_code="R2")
    elimination.recommendation_decide(actor=committee, recommendation=rec, decision="dismiss", reason="两次不合格")
    return assessed_zone


def test_a_person_sees_their_pay_and_the_decision_on_them_in_their_file(paid_zone, clock, login):
    kong3 = paid_zone.staff[2]
    text = login(kong3).get(f"/org/staff/{kong3.pk}/").content.decode()
    assert "绩效薪酬" in text and "淘汰决定" in text
    assert "2020Q3" in text and "不合格" in text and "0.00" in text
    assert "最近 4 个周期内不合格 2 次" in text and "解聘" in text and "未申诉" in text
    assert f"申诉期至 {clock.today() + timedelta(days=15):%Y-%m-%d}" in text
    assert "5850.00" not in text  # 孔一's pay


def test_a_draft_sheet_and_an_undecided_recommendation_are_not_in_the_file(assessed_zone, world):
    pay.sheet_prepare(actor=assessed_zone.committee, cycle=assessed_zone.cycle)
    elimination.recommendations_sync(cycle=assessed_zone.cycle)
    html = staff_section(assessed_zone.staff[2], world.xs_admin)
    assert "还没有已确认的绩效薪酬" in html and "没有淘汰决定" in html


def test_colleagues_see_neither_anothers_pay_nor_decisions(paid_zone):
    kong1, kong3 = paid_zone.staff[0], paid_zone.staff[2]
    assert staff_section(kong3, kong1) == ""
    own = staff_section(kong1, kong1)
    assert "5850.00" in own and "优秀" in own and "7800.00" not in own and "没有淘汰决定" in own and "解聘" not in own


def test_the_unit_admin_and_district_roles_see_them_on_the_page_and_in_the_pdf(paid_zone, world, login):
    kong3 = paid_zone.staff[2]
    page = login(world.leader).get(f"/org/staff/{kong3.pk}/").content.decode()
    assert "解聘" in page and "申诉期至" in page and "0.00" in page
    other = staff_section(paid_zone.staff[0], world.xs_admin)  # 孔一's file: only 孔一's lines
    assert "5850.00" in other and "7800.00" not in other and "没有淘汰决定" in other
    text = pdf_text(login(world.xs_admin).get(f"/org/staff/{kong3.pk}/pdf/").content)
    assert "绩效薪酬" in text and "淘汰决定" in text and "解聘" in text and "申诉期至" in text


def test_a_decisions_outcome_follows_the_appeal_and_the_deadline(paid_zone, clock):
    rec = Recommendation.objects.get(user=paid_zone.staff[2], rule_code="R2")
    today = clock.today()
    assert outcome(rec, today) == f"申诉期至 {rec.appeal_until:%Y-%m-%d}"
    assert outcome(rec, rec.appeal_until + timedelta(days=1)) == "已生效"
    rec = elimination.appeal_file(actor=rec.user, recommendation=rec, text="第二季度指标调整未计入")
    assert outcome(rec, today) == "申诉答复前不生效"
    rec = elimination.appeal_answer(actor=paid_zone.committee, recommendation=rec, uphold=True, answer="维持")
    assert outcome(rec, today) == f"已于 {today:%Y-%m-%d} 解除聘任合同"
    rejected = Recommendation.objects.get(user=paid_zone.staff[3])
    rejected = elimination.recommendation_decide(
        actor=paid_zone.committee, recommendation=rejected, decision="", reason="本季度任务调整，不予采纳"
    )
    assert outcome(rejected, today) == "不作处理"

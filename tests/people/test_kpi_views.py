"""The KPI pages: the committee's cycle, plan, reviews, 评定, results, calibration and lock pages; a staff member's
own result and appeal; refusals in Chinese for long or malformed input; query-count guards on the lists."""

from datetime import date
from decimal import Decimal as D

import pytest

from taizhang.people import assessment
from taizhang.people.models import Cycle, Indicator, Result
from tests.people.kpi_helpers import finals_plans, superior_reviews


@pytest.fixture
def assessed(zone):
    finals_plans(zone)
    superior_reviews(zone)
    assessment.cycle_assess(actor=zone.committee, cycle=zone.cycle)
    return zone


def test_the_committee_opens_a_cycle_and_sees_its_staff_and_their_plans(zone, login):
    client = login(zone.committee)
    page = client.post("/people/cycles/", {"code": "2020Q4"})
    cycle = Cycle.objects.get(code="2020Q4")
    assert page.status_code == 302 and page["Location"] == f"/people/cycles/{cycle.pk}/"
    finals_plans(zone)
    text = client.get(f"/people/cycles/{zone.cycle.pk}/").content.decode()
    assert "孔一" in text and "孔五" in text and "未制定" not in text


def test_a_malformed_or_3000_character_cycle_code_gets_a_chinese_error(zone, login):
    client = login(zone.committee)
    for code in ("第三季度" * 750, "2020Q9"):
        page = client.post("/people/cycles/", {"code": code})
        assert page.status_code == 200 and "请写成 2020Q3" in page.content.decode()
    assert Cycle.objects.count() == 1


def test_the_cycle_page_filters_by_department_and_search(zone, login):
    client = login(zone.committee)
    url = f"/people/cycles/{zone.cycle.pk}/"
    text = client.get(url, {"group": zone.economy.pk}).content.decode()
    assert "孔三" in text and "孔一" not in text
    text = client.get(url, {"q": "孔二"}).content.decode()
    assert "孔二" in text and "孔三" not in text


def test_the_cycle_and_results_pages_keep_their_query_count(assessed, login, django_assert_max_num_queries):
    client = login(assessed.committee)
    with django_assert_max_num_queries(22):
        assert client.get(f"/people/cycles/{assessed.cycle.pk}/").status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get(f"/people/cycles/{assessed.cycle.pk}/results/").status_code == 200


def test_a_staff_member_is_refused_the_committees_pages(zone, login):
    client = login(zone.staff[0])
    for url in (
        f"/people/cycles/{zone.cycle.pk}/",
        f"/people/cycles/{zone.cycle.pk}/results/",
        f"/people/cycles/{zone.cycle.pk}/plans/{zone.staff[1].pk}/",
        "/people/cycles/",
    ):
        assert client.get(url).status_code == 403, url


def test_the_plan_page_saves_a_plan_that_totals_100(zone, login):
    client = login(zone.committee)
    url = f"/people/cycles/{zone.cycle.pk}/plans/{zone.staff[0].pk}/"
    assert "公文" not in client.get(url).content.decode()
    data = {
        "rows": "2",
        "name-1": "公文办理",
        "weight-1": "60",
        "method-1": "线性",
        "target-1": "100",
        "actual-1": "95",
    }
    data |= {"name-2": "差错", "weight-2": "40", "method-2": "扣分", "actual-2": "1", "deduction-2": "5"}
    assert client.post(url, data).status_code == 302
    assert list(Indicator.objects.values_list("name", "weight")) == [("公文办理", D(60)), ("差错", D(40))]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"weight-2": "30"}, "各指标权重合计应为 100，现为 90"),
        ({"weight-1": "六十"}, "第 1 行：权重“六十”不是数字"),
        ({"name-1": "指" * 3000}, "第 1 行：指标不超过 64 字"),
        ({"evidence-2": "证" * 3000}, "第 2 行：佐证不超过 500 字"),
        ({"target-1": "0"}, "目标值应大于 0"),
        ({"method-1": "乱写"}, "没有计分方式“乱写”"),
    ],
)
def test_a_bad_plan_gets_chinese_errors_naming_the_row(zone, login, changes, message):
    client = login(zone.committee)
    data = {
        "rows": "2",
        "name-1": "公文办理",
        "weight-1": "60",
        "method-1": "线性",
        "target-1": "100",
        "actual-1": "95",
    }
    data |= {"name-2": "会议", "weight-2": "40", "method-2": "达标", "target-2": "1", "actual-2": "1"} | changes
    page = client.post(f"/people/cycles/{zone.cycle.pk}/plans/{zone.staff[0].pk}/", data)
    assert page.status_code == 400 and message in page.content.decode()
    assert not Indicator.objects.exists()


def test_the_reviews_page_enters_a_rating_and_makes_a_link(zone, login):
    client = login(zone.committee)
    url = f"/people/cycles/{zone.cycle.pk}/reviews/{zone.staff[2].pk}/"
    assert (
        client.post(url, {"action": "review", "rater_type": "peer", "rater_name": "孔四", "score": "88"}).status_code
        == 302
    )
    page = client.post(url, {"action": "review", "rater_type": "peer", "rater_name": "孔四", "score": "188"})
    assert page.status_code == 400 and "100" in page.content.decode()
    assert client.post(url, {"action": "invite", "enterprise": "济北精工"}).status_code == 302
    text = client.get(url).content.decode()
    assert "http://testserver/public/people/rate/" in text and "孔四" in text


def test_assessing_goes_through_a_confirm_page(zone, login):
    finals_plans(zone)
    client = login(zone.committee)
    page = client.get(f"/people/cycles/{zone.cycle.pk}/assess/")
    assert 'id="ready">5<' in page.content.decode()
    assert not Result.objects.exists()
    assert client.post(f"/people/cycles/{zone.cycle.pk}/assess/").status_code == 302
    assert Result.objects.count() == 5


def test_the_results_page_filters_by_grade_and_department(assessed, login):
    client = login(assessed.committee)
    url = f"/people/cycles/{assessed.cycle.pk}/results/"
    text = client.get(url, {"grade": "fail"}).content.decode()
    assert "孔五" in text and "孔一" not in text
    assert '<td data-label="KPI得分" class="text-end">0.00</td>' in text  # a score of 0 is shown, not "—"
    text = client.get(url, {"group": assessed.office.pk}).content.decode()
    assert "孔一" in text and "孔三" not in text


def test_calibration_without_a_reason_is_refused_and_with_one_is_shown(assessed, login):
    client = login(assessed.committee)
    result = Result.objects.get(user=assessed.staff[1])
    url = f"/people/results/{result.pk}/calibrate/"
    page = client.post(url, {"grade": "excellent", "reason": ""})
    assert page.status_code == 400 and "这个字段是必填项" in page.content.decode()
    page = client.post(url, {"grade": "excellent", "reason": "理" * 3000})
    assert page.status_code == 400 and "500" in page.content.decode()
    assert client.post(url, {"grade": "excellent", "reason": "重大项目落地"}).status_code == 302
    text = client.get(f"/people/cycles/{assessed.cycle.pk}/results/").content.decode()
    assert "评定为合格，已调整" in text


def test_a_staff_member_sees_only_their_own_result_once_locked_and_appeals(assessed, login, clock):
    clock.set(date(2020, 10, 10))
    client = login(assessed.staff[0])
    url = f"/people/cycles/{assessed.cycle.pk}/mine/"
    assert "尚未公布" in client.get(url).content.decode()
    assessment.cycle_lock(actor=assessed.committee, cycle=assessed.cycle)
    text = client.get(url).content.decode()
    assert "工作任务完成率" in text and "2020-10-17 前提出申诉" in text and 'id="my-grade">优秀<' in text
    assert "孔二" not in text and "魏委员" not in text  # nobody else's result, no rater's name
    page = client.post(url, {"reason": "申" * 3000})
    assert page.status_code == 400 and "1000" in page.content.decode()
    assert client.post(url, {"reason": "会议保障漏记"}).status_code == 302
    assert "您的申诉正在处理中" in client.get(url).content.decode()
    other = Result.objects.get(user=assessed.staff[1])
    assert client.get(f"/people/results/{other.pk}/calibrate/").status_code == 403


def test_the_committee_answers_an_appeal_on_its_page(assessed, login, clock):
    from taizhang.people.appeals import appeal_file

    clock.set(date(2020, 10, 10))
    assessment.cycle_lock(actor=assessed.committee, cycle=assessed.cycle)
    appeal = appeal_file(actor=assessed.staff[4], result=Result.objects.get(user=assessed.staff[4]), reason="数据错")
    client = login(assessed.committee)
    url = f"/people/appeals/{appeal.pk}/"
    page = client.post(url, {"decision": "upheld", "grade": "", "answer": "属实"})
    assert page.status_code == 400 and "请选择改定后的等次" in page.content.decode()
    assert client.post(url, {"decision": "upheld", "grade": "basic", "answer": "属实"}).status_code == 302
    assert Result.objects.get(user=assessed.staff[4]).grade == "basic"
    assert login(assessed.staff[0]).get(url).status_code == 404  # another staff member's appeal


def test_the_methods_page_adds_a_version_from_an_open_cycle(zone, login):
    client = login(zone.committee)
    data = {"name": "线性", "kind": "linear", "floor": "0.5", "cap": "1.1", "cycle": zone.cycle.pk, "reason": "新办法"}
    assert client.post("/people/methods/", data).status_code == 302
    assert "新办法" in client.get("/people/methods/").content.decode()
    page = client.post("/people/methods/", data | {"reason": "理" * 3000})
    assert page.status_code == 400


def test_the_api_gives_the_committee_the_results_and_staff_only_their_own_once_locked(assessed, login, world):
    url = f"/api/people/cycles/{assessed.cycle.pk}/results"
    rows = login(assessed.committee).get(url, {"grade": "fail"}).json()
    assert [(r["username"], r["final_score"], r["grade"]) for r in rows] == [("kong5", "18.00", "不合格")]
    staff = login(assessed.staff[0])
    assert staff.get(url).status_code == 403
    assert staff.get("/api/people/my-results").json() == []
    assessment.cycle_lock(actor=assessed.committee, cycle=assessed.cycle)
    assert [r["grade"] for r in staff.get("/api/people/my-results").json()] == ["优秀"]
    assert login(world.jy_admin).get(url).status_code == 404

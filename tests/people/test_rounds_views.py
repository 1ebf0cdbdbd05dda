"""竞聘上岗's pages: the committee's steps each behind a page, staff apply on their phone, another unit gets 404."""

from datetime import date, timedelta

import pytest

from taizhang.people.models import Application, Contract, Round


@pytest.fixture
def draft(zone, login, clock):
    clock.set(date(2022, 10, 10))
    client = login(zone.committee)
    form = {
        "title": "2023年岗位竞聘",
        "max_posts": "2",
        "written_weight": "40",
        "interview_weight": "40",
        "democratic_weight": "20",
        "apply_from": "2022-10-10",
        "apply_until": "2022-10-15",
        "term_starts_on": "2023-01-01",
        "term_ends_on": "2025-12-31",
        "shares": "30%→35%→40%",
        "publicity_days": "5",
        f"openings_{zone.head_post.pk}": "1",
        f"openings_{zone.officer_post.pk}": "1",
    }
    response = client.post("/people/rounds/new/", form)
    rnd = Round.objects.get()
    assert response.url == f"/people/rounds/{rnd.pk}/"
    return rnd


def test_a_new_round_with_bad_input_gets_chinese_errors(zone, login):
    client = login(zone.committee)
    text = client.post(
        "/people/rounds/new/",
        {
            "title": "长" * 3000,
            "max_posts": "0",
            "written_weight": "50",
            "interview_weight": "40",
            "democratic_weight": "20",
            "apply_from": "不是日期",
            "term_starts_on": "2023-01-01",
            "term_ends_on": "2025-12-31",
            "shares": "三成",
            "publicity_days": "5",
        },
    ).content.decode()
    assert "不超过 100 字符" in text and "输入一个有效的日期" in text and "合计应为 100" in text
    assert "不是百分数" in text and "请至少为一个岗位填写拟聘人数" in text
    assert not Round.objects.exists()


def test_publishing_goes_through_a_confirm_page(zone, draft, login):
    client = login(zone.committee)
    page = client.get(f"/people/rounds/{draft.pk}/publish/").content.decode()
    assert "部长：拟聘 1 人" in page and Round.objects.get().status == Round.Status.DRAFT
    client.post(f"/people/rounds/{draft.pk}/publish/")
    assert Round.objects.get().status == Round.Status.OPEN


def test_staff_see_a_round_once_published_and_apply(zone, draft, login):
    client = login(zone.staff[0])
    assert client.get(f"/people/rounds/{draft.pk}/").status_code == 404
    assert "2023年岗位竞聘" not in client.get("/people/rounds/").content.decode()
    login(zone.committee).post(f"/people/rounds/{draft.pk}/publish/")
    client = login(zone.staff[0])
    assert "我要报名" in client.get(f"/people/rounds/{draft.pk}/").content.decode()
    offered = list(draft.posts.order_by("id"))
    client.post(f"/people/rounds/{draft.pk}/apply/", {"round_posts": [rp.pk for rp in offered]})
    assert Application.objects.filter(user=zone.staff[0]).count() == 2
    assert "请至少选择一个岗位" in client.post(f"/people/rounds/{draft.pk}/apply/", {}).content.decode()


def test_the_committee_enters_scores_and_sees_the_ranking(zone, draft, login, django_assert_max_num_queries):
    committee = login(zone.committee)
    committee.post(f"/people/rounds/{draft.pk}/publish/")
    head = draft.posts.get(post=zone.head_post)
    for user in zone.staff[:3]:
        login(user).post(f"/people/rounds/{draft.pk}/apply/", {"round_posts": [head.pk]})
    committee = login(zone.committee)
    ids = list(Application.objects.order_by("id").values_list("pk", flat=True))
    scores = {}
    for pk, (w, i, d) in zip(ids, [(80, 80, 80), (90, 70, 80), (90, 75, 70)], strict=True):
        scores.update({f"w_{pk}": w, f"i_{pk}": i, f"d_{pk}": d})
    bad = committee.post(f"/people/rounds/{draft.pk}/scores/", {**scores, f"w_{ids[0]}": "120"}).content.decode()
    assert "小于或等于100" in bad
    committee.post(f"/people/rounds/{draft.pk}/scores/", scores)
    with django_assert_max_num_queries(20):
        text = committee.get(f"/people/rounds/{draft.pk}/").content.decode()
    # all 80.00: 孔三 (written 90, interview 75) before 孔二 (90, 70) before 孔一 (80)
    assert text.index("孔三") < text.index("孔二") < text.index("孔一")
    propose = committee.get(f"/people/rounds/{draft.pk}/propose/").content.decode()
    assert f'value="{ids[2]}" aria-label="拟聘 孔三" checked' in propose


def test_another_unit_gets_404_and_staff_may_not_run_the_steps(zone, draft, world, login):
    client = login(world.jy_admin)
    for step in ("", "publish/", "scores/", "propose/", "confirm/"):
        assert client.get(f"/people/rounds/{draft.pk}/{step}").status_code == 404
    login(zone.committee).post(f"/people/rounds/{draft.pk}/publish/")
    staff = login(zone.staff[0])
    for step in ("scores/", "propose/", "confirm/", "publicity/withdraw/"):
        assert staff.get(f"/people/rounds/{draft.pk}/{step}").status_code == 403


def test_confirm_is_refused_before_the_window_ends(zone, draft, login, clock):
    committee = login(zone.committee)
    committee.post(f"/people/rounds/{draft.pk}/publish/")
    head = draft.posts.get(post=zone.head_post)
    login(zone.staff[4]).post(f"/people/rounds/{draft.pk}/apply/", {"round_posts": [head.pk]})
    committee = login(zone.committee)
    pk = Application.objects.get().pk
    committee.post(f"/people/rounds/{draft.pk}/scores/", {f"w_{pk}": 90, f"i_{pk}": 90, f"d_{pk}": 90})
    committee.post(f"/people/rounds/{draft.pk}/propose/", {"proposed": [pk]})
    assert Round.objects.get().status == Round.Status.PUBLICITY
    response = committee.get(f"/people/rounds/{draft.pk}/confirm/", follow=True)
    assert "期满后才能确认聘任" in response.content.decode()
    clock.advance(timedelta(days=6))
    committee.post(f"/people/rounds/{draft.pk}/confirm/")
    assert Contract.objects.filter(user=zone.staff[4], starts_on=date(2023, 1, 1)).exists()

"""The enterprise's rating page: mounted by the kernel at /public/people/ from the manifest's `public_urls`, no
login, not gated by the unit's modules, scoped by its single-use token; it shows the staff member's name and post
only."""

from datetime import date
from importlib import import_module

from taizhang.core.manifest import modules
from taizhang.hub.services import unit_modules_set
from taizhang.people.models import Review
from taizhang.people.reviews import invitation_create


def link(zone, clock, enterprise="济北精工"):
    clock.set(date(2020, 9, 20))
    invitation = invitation_create(actor=zone.committee, cycle=zone.cycle, subject=zone.staff[2], enterprise=enterprise)
    return f"/public/people/rate/{invitation.token}/"


def test_every_public_page_of_every_module_needs_no_login():
    for spec in modules():
        if spec.public_urls:
            for pattern in import_module(spec.public_urls).urlpatterns:
                assert pattern.callback.login_required is False, (spec.key, str(pattern.pattern))


def test_an_enterprise_rates_without_an_account_and_sees_only_name_and_post(zone, client, clock):
    url = link(zone, clock)
    text = client.get(url).content.decode()
    assert "孔三" in text and "经济运行岗" in text and "济北精工" in text
    assert "kong3" not in text and "经济发展部" not in text and "孔一" not in text
    page = client.post(url, {"score": "92.5", "comment": "响应及时"})
    assert page.status_code == 200 and "感谢您" in page.content.decode()
    review = Review.objects.get()
    assert (review.rater_type, review.rater_name, str(review.score), review.comment) == (
        "client",
        "济北精工",
        "92.50",
        "响应及时",
    )
    assert "已经评价过了" in client.get(url).content.decode()
    client.post(url, {"score": "10"})
    assert Review.objects.count() == 1


def test_a_bad_score_gets_a_chinese_error_and_a_wrong_token_a_404(zone, client, clock):
    url = link(zone, clock)
    for score in ("一百", "101", "9" * 3000):
        page = client.post(url, {"score": score, "comment": "好"})
        assert page.status_code == 400, score
    page = client.post(url, {"score": "90", "comment": "意" * 3000})
    assert page.status_code == 400 and "500" in page.content.decode()
    assert client.get("/public/people/rate/guessed-token/").status_code == 404
    assert client.get("/public/people/rate/" + "x" * 3000 + "/").status_code == 404
    assert not Review.objects.exists()


def test_the_link_expires_15_days_after_the_cycle(zone, client, clock):
    url = link(zone, clock)
    clock.set(date(2020, 10, 16))
    assert "已过期" in client.get(url).content.decode()


def test_the_link_is_not_gated_by_the_units_modules_nor_by_a_login_of_another_unit(zone, world, login, clock):
    url = link(zone, clock)
    unit_modules_set(actor=None, unit=world.xinshi, keys=["assistance"])
    assert "孔三" in login(world.jy_worker).get(url).content.decode()

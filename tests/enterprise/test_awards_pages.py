"""优秀企业家奖励 pages: the list and a round scoped to the unit (another unit's round is a 404), the steps through
their pages (settings, nominating with materials, scoring, the allocation preview and confirmation, the 公示 with an
objection, its PDF), refused to those who may not, with bounded queries; the enterprise's file page shows its awards."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.core import clock as core_clock
from taizhang.enterprise import awards
from taizhang.enterprise.models import AwardRound, Nomination
from tests.enterprise.fixtures_awards import in_publicity, make_round, scored_round


def test_the_admin_sets_up_a_round_through_the_form_and_bad_weights_are_named(ez, login):
    client = login(ez.admin)
    assert "新建年度评选" in client.get("/enterprise/awards/").content.decode()
    data = {
        "year": 2021,
        "title": "2021年度优秀企业家奖励",
        "pool": "10000000.00",
        "criteria_text": "税收贡献 40\n增长 20",
        "tiers_text": "特等奖 1 3\n一等奖 3 2\n二等奖 6 1",
        "reviewers": [ez.admin.pk, ez.officer.pk],
        "nominations_until": "2021-06-30",
        "publicity_days": 5,
    }
    page = client.post("/enterprise/awards/new/", data)
    assert "合计应为 100，现在是 60" in page.content.decode()
    data["criteria_text"] = "税收贡献 40\n增长 20\n研发创新 20\n就业 10\n社会责任 10"
    page = client.post("/enterprise/awards/new/", data)
    rnd = AwardRound.objects.get(year=2021)
    assert page.status_code == 302 and rnd.reviewers.count() == 2
    text = client.get(f"/enterprise/awards/{rnd.pk}/").content.decode()
    assert "2000000.00" in text and "666666.67" in text  # the places' amounts from the pool


def test_an_officer_cannot_create_a_round_but_nominates_with_materials(ez, login):
    rnd = make_round(ez)
    client = login(ez.officer)
    assert client.get("/enterprise/awards/new/").status_code == 403
    pdf = SimpleUploadedFile("推荐表.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    page = client.post(
        f"/enterprise/awards/{rnd.pk}/nominate/",
        {
            "enterprise": ez.enterprises[0].pk,
            "entrepreneur": "张鲁味",
            "post": "董事长",
            "nominated_by": "投资促进部",
            "material": pdf,
        },
    )
    assert page.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.material.name.endswith(".pdf")
    assert client.get(f"/enterprise/award-nominations/{nomination.pk}/material/").status_code == 200
    file_page = client.get(f"/enterprise/enterprises/{ez.enterprises[0].pk}/").content.decode()
    assert "优秀企业家奖励" in file_page and "张鲁味（董事长）" in file_page


def test_a_reviewer_enters_scores_on_the_page_and_a_bad_score_is_named(ez, login):
    rnd, nominations = scored_round(ez)
    client = login(ez.officer)
    page = client.get(f"/enterprise/awards/{rnd.pk}/scores/")
    assert page.status_code == 200 and "税收贡献（40）" in page.content.decode()
    data = {f"s_{n.pk}_{i}": "80" for n in nominations for i in range(5)}
    data[f"s_{nominations[0].pk}_0"] = "120"
    assert "0 到 100" in client.post(f"/enterprise/awards/{rnd.pk}/scores/", data).content.decode()
    data[f"s_{nominations[0].pk}_0"] = "99.5"
    assert client.post(f"/enterprise/awards/{rnd.pk}/scores/", data).status_code == 302
    # someone who is not a reviewer cannot open the sheet
    other = login(ez.admin)  # the admin enters for any reviewer
    assert other.get(f"/enterprise/awards/{rnd.pk}/scores/?reviewer={ez.officer.pk}").status_code == 200


def test_the_preview_shows_the_ranking_and_the_admin_confirms_it_into_the_publicity(ez, login):
    rnd, _ = scored_round(ez)
    text = login(ez.officer).get(f"/enterprise/awards/{rnd.pk}/allocation/").content.decode()
    assert text.index("李智造") < text.index("张鲁味") < text.index("王饮品")
    assert "500000.00" in text and "确认分配并公示" not in text  # the officer may look, not confirm
    assert login(ez.officer).post(f"/enterprise/awards/{rnd.pk}/allocation/").status_code == 403
    page = login(ez.admin).post(f"/enterprise/awards/{rnd.pk}/allocation/")
    assert page.status_code == 302
    rnd.refresh_from_db()
    assert rnd.status == AwardRound.Status.PUBLICITY


def test_the_publicity_page_takes_an_objection_and_prints_a_pdf(ez, login):
    rnd, nominations = in_publicity(ez)
    client = login(ez.officer)
    text = client.get(f"/enterprise/awards/{rnd.pk}/publicity/").content.decode()
    assert "李智造" in text and "1000000.00" in text
    page = client.post(f"/enterprise/awards/{rnd.pk}/publicity/", {"nomination": nominations[1].pk, "text": "材料不实"})
    assert page.status_code == 302 and rnd.objections.count() == 1
    pdf = client.get(f"/enterprise/awards/{rnd.pk}/publicity.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_admin_answers_confirms_after_the_window_and_registers_payment(ez, login, clock):
    rnd, nominations = in_publicity(ez)
    objection = awards.objection_file(actor=ez.officer, rnd=rnd, text="有异议")
    client = login(ez.admin)
    assert client.post(f"/enterprise/award-objections/{objection.pk}/answer/", {"answer": "已核实"}).status_code == 302
    clock.advance(timedelta(days=6))
    assert client.post(f"/enterprise/awards/{rnd.pk}/confirm/").status_code == 302
    today = core_clock.today().isoformat()
    assert client.post(f"/enterprise/awards/{rnd.pk}/paid/", {"paid_on": today}).status_code == 302
    rnd.refresh_from_db()
    assert rnd.status == AwardRound.Status.CONFIRMED
    assert sum(p.amount for p in rnd.payments.filter(paid_on__isnull=False)) == Decimal("1000000.00")
    file_page = client.get(f"/enterprise/enterprises/{ez.enterprises[1].pk}/").content.decode()
    assert "已支付" in file_page and "500000.00" in file_page


def test_another_units_round_and_its_records_are_404(ez, login, world):
    rnd, nominations = in_publicity(ez)
    objection = awards.objection_file(actor=ez.officer, rnd=rnd, text="x")
    client = login(world.jy_admin)
    for url in (
        f"/enterprise/awards/{rnd.pk}/",
        f"/enterprise/awards/{rnd.pk}/publicity/",
        f"/enterprise/awards/{rnd.pk}/publicity.pdf",
        f"/enterprise/award-nominations/{nominations[0].pk}/withdraw/",
        f"/enterprise/award-objections/{objection.pk}/answer/",
        f"/api/enterprise/awards/{rnd.pk}/publicity",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/api/enterprise/awards").json() == []


def test_the_pages_ask_a_bounded_number_of_queries(ez, login, django_assert_max_num_queries):
    rnd, _ = scored_round(ez)
    client = login(ez.admin)
    for url in ("/enterprise/awards/", f"/enterprise/awards/{rnd.pk}/", f"/enterprise/awards/{rnd.pk}/allocation/"):
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200, url
    awards.allocation_confirm(actor=ez.admin, rnd=rnd)
    with django_assert_max_num_queries(20):
        assert client.get(f"/enterprise/awards/{rnd.pk}/publicity/").status_code == 200

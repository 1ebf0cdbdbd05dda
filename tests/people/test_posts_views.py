"""The posts and contracts pages: the committee manages, staff see only their own, another unit gets 404."""

from datetime import date

from taizhang.people.models import Contract, Post


def _kong(zone, i) -> Contract:
    return Contract.objects.get(user=zone.staff[i])


def test_the_committee_sees_departments_with_posts_and_vacancies(in_term, zone, login):
    client = login(zone.committee)
    text = client.get("/people/posts/").content.decode()
    assert "党政办公室" in text and "综合文秘岗" in text and "经济运行岗" in text
    vacancies = client.get("/people/vacancies/").content.decode()
    assert "经济运行岗" in vacancies and "综合文秘岗" not in vacancies  # 3 posts, 2 held; 2 posts, 2 held
    only_office = client.get(f"/people/posts/?department={zone.office.pk}").content.decode()
    assert "综合文秘岗" in only_office and "经济运行岗" not in only_office


def test_staff_may_not_open_the_post_pages(zone, login):
    assert login(zone.staff[0]).get("/people/posts/").status_code == 403
    assert login(zone.staff[0]).get("/people/posts/new/").status_code == 403


def test_the_committee_creates_a_post_and_gets_chinese_errors_for_bad_input(zone, login):
    client = login(zone.committee)
    bad = client.post(
        "/people/posts/new/",
        {"department": zone.office.pk, "name": "长" * 3000, "monthly_pay": "abc", "headcount": "-1"},
    ).content.decode()
    assert "不超过 64 字符" in bad and "输入一个数字" in bad and "大于或等于1" in bad
    response = client.post(
        "/people/posts/new/", {"department": zone.office.pk, "name": "档案岗", "monthly_pay": "3900", "headcount": "1"}
    )
    assert response.status_code == 302 and Post.objects.filter(name="档案岗").exists()


def test_the_contracts_list_filters_by_department_status_name_and_ending(
    zone, login, clock, django_assert_max_num_queries
):
    clock.set(date(2022, 11, 1))
    client = login(zone.committee)
    with django_assert_max_num_queries(14):
        text = client.get("/people/contracts/").content.decode()
    assert all(name in text for name in ("孔一", "孔三", "孔五"))
    office = client.get(f"/people/contracts/?group={zone.office.pk}").content.decode()
    assert "孔一" in office and "孔三" not in office
    assert "孔四" in client.get("/people/contracts/?q=孔四").content.decode()
    assert "孔四" not in client.get("/people/contracts/?status=ended").content.decode()
    assert "孔五" in client.get("/people/contracts/?ending=on").content.decode()
    clock.set(date(2022, 9, 1))
    assert "孔五" not in client.get("/people/contracts/?ending=on").content.decode()


def test_the_contracts_list_keeps_its_query_count_with_many_contracts(zone, login, django_assert_max_num_queries):
    for contract in Contract.objects.all():
        for year in range(3):
            contract.pk = None
            contract.starts_on, contract.ends_on = date(2010 + 3 * year, 1, 1), date(2012 + 3 * year, 12, 31)
            contract.status = Contract.Status.EXPIRED
            contract.save()
    client = login(zone.committee)
    with django_assert_max_num_queries(14):
        assert client.get("/people/contracts/").status_code == 200


def test_a_staff_member_sees_only_their_own_contracts(zone, login):
    client = login(zone.staff[0])
    text = client.get("/people/contracts/").content.decode()
    assert "孔一" in text and "孔二" not in text
    assert client.get(f"/people/contracts/{_kong(zone, 1).pk}/").status_code == 403
    assert client.get(f"/people/contracts/{_kong(zone, 0).pk}/").status_code == 200


def test_another_unit_gets_404_on_a_contract_and_sees_no_posts(zone, world, login):
    client = login(world.jy_admin)
    assert client.get(f"/people/contracts/{_kong(zone, 0).pk}/").status_code == 404
    assert client.get(f"/people/posts/{zone.clerk_post.pk}/edit/").status_code == 404
    assert "综合文秘岗" not in client.get("/people/posts/").content.decode()


def test_the_committee_creates_a_contract_with_shares_as_written(zone, login):
    from taizhang.staff.services import staff_create

    new = staff_create(actor=None, node=zone.office, username="kong6", full_name="孔六", role="field_worker")
    client = login(zone.committee)
    form = {
        "user": new.pk,
        "post": zone.clerk_post.pk,
        "starts_on": "2021-01-01",
        "ends_on": "2023-12-31",
        "probation_months": "3",
        "monthly_pay": "",
        "shares": "30%→35%",
    }
    bad = client.post("/people/contracts/new/", form).content.decode()
    assert "每年一个（共 3 个），现为 2 个" in bad
    assert "不是百分数" in client.post("/people/contracts/new/", {**form, "shares": "三成"}).content.decode()
    assert "不超过 100 字符" in client.post("/people/contracts/new/", {**form, "shares": "3" * 3000}).content.decode()
    response = client.post("/people/contracts/new/", {**form, "shares": "30%→35%→40%"})
    contract = Contract.objects.get(user=new)
    assert response.url == f"/people/contracts/{contract.pk}/"
    assert contract.performance_shares == ["30", "35", "40"] and str(contract.monthly_pay) == "4000.00"


def test_ending_goes_through_a_confirm_page_and_can_be_withdrawn(zone, login, clock):
    clock.set(date(2021, 3, 1))
    contract = _kong(zone, 3)
    client = login(zone.committee)
    page = client.get(f"/people/contracts/{contract.pk}/end/").content.decode()
    assert "解聘后合同终止" in page
    assert _kong(zone, 3).status == Contract.Status.ACTIVE
    empty = client.post(f"/people/contracts/{contract.pk}/end/", {"ended_on": "2021-03-31", "reason": ""})
    assert "这个字段是必填项" in empty.content.decode()
    client.post(f"/people/contracts/{contract.pk}/end/", {"ended_on": "2021-03-31", "reason": "考核不合格"})
    detail = client.get(f"/people/contracts/{contract.pk}/").content.decode()
    assert "已解聘" in detail and "撤回解聘" in detail and "/renew/" not in detail
    client.post(f"/people/contracts/{contract.pk}/end/withdraw/", {"reason": "登记错了"})
    assert _kong(zone, 3).status == Contract.Status.ACTIVE


def test_a_renewal_page_renews_from_the_day_after(zone, login):
    contract = _kong(zone, 4)
    client = login(zone.committee)
    assert "续聘自 2022-12-31 的次日起" in client.get(f"/people/contracts/{contract.pk}/renew/").content.decode()
    client.post(
        f"/people/contracts/{contract.pk}/renew/",
        {"post": zone.head_post.pk, "ends_on": "2025-12-31", "probation_months": "0", "shares": "40"},
    )
    renewed = Contract.objects.get(renewal_of=contract)
    assert renewed.starts_on == date(2023, 1, 1) and renewed.performance_shares == ["40", "40", "40"]


def test_staff_may_not_create_end_or_renew_contracts(zone, login):
    client = login(zone.staff[0])
    own = _kong(zone, 0)
    assert client.get("/people/contracts/new/").status_code == 403
    assert client.get(f"/people/contracts/{own.pk}/end/").status_code == 403
    assert client.get(f"/people/contracts/{own.pk}/renew/").status_code == 403

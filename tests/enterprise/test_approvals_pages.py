"""Approval accompaniment pages: the projects, a project's board and its actions, adding and editing items, the
overdue list, the kinds and service rule, each scoped to the unit; and the enterprise's status page through its
private link, without an account."""

from datetime import date

from taizhang.enterprise.models import Accompaniment, ApprovalItem, ApprovalKind, ServiceRule
from tests.enterprise import fixtures_approvals

az, october = fixtures_approvals.az, fixtures_approvals.october


def test_the_projects_page_lists_signed_projects_with_their_overdue_items(ez, az, login, django_assert_max_num_queries):
    client = login(ez.officer)
    with django_assert_max_num_queries(12):
        page = client.get("/enterprise/approvals/")
    rows = {p.name: (p.items, p.overdue) for p in page.context["page"]}
    assert '<td data-label="阶段">签约</td>' in page.content.decode()
    assert rows == {"黄河饮品扩产项目": (4, 1), "智能装配线项目": (1, 0)}  # 冷链物流中心 is still at 洽谈


def test_the_board_shows_the_tracks_the_clocks_and_the_overdue_item(ez, az, login):
    text = login(ez.officer).get(f"/enterprise/approvals/projects/{az.project.pk}/").content.decode()
    for word in (
        "立项用地规划",
        "环评能评",
        "消防验收",
        "待「立项备案」办结",
        "2020-10-28",
        "超期",
        "招商专员",
        "0531-84236155",
        "复杂事项",
        "办理中",
    ):
        assert word in text, word
    assert f"/public/enterprise/status/{az.token}/" in text


def test_an_officer_adds_edits_and_completes_items_on_the_board(ez, az, login):
    client = login(ez.officer)
    board = f"/enterprise/approvals/projects/{az.project.pk}/"
    kind = ApprovalKind.objects.get(unit=ez.unit, name="能评")
    added = client.post(f"{board}items/new/", {"kind": kind.pk, "submitted_on": "2020-10-19"})
    assert added.status_code == 302
    energy = ApprovalItem.objects.get(project=az.project, name="能评")
    assert (energy.department, energy.track, energy.due_on) == ("发展和改革局", "环评能评", date(2020, 11, 9))
    edited = client.post(
        f"/enterprise/approvals/items/{energy.pk}/edit/",
        {
            "name": "能评",
            "department": "发展和改革局",
            "track": "环评能评",
            "complexity": "simple",
            "statutory_days": "20",
            "status": "in_progress",
            "submitted_on": "2020-10-19",
            "first_contact_on": "2020-10-20",
        },
    )
    assert edited.status_code == 302
    energy.refresh_from_db()
    assert energy.first_contact_on == date(2020, 10, 20) and energy.due_on == date(2020, 10, 26)
    done = client.post(board, {"action": "complete", "item": energy.pk, "done_on": "2020-10-20"}, follow=True)
    assert "「能评」已办结" in done.content.decode()
    energy.refresh_from_db()
    assert energy.status == "done" and energy.on_time


def test_a_refusal_shows_on_the_page_rather_than_failing(ez, az, login, october):
    october.set(date(2026, 12, 28))
    kind = ApprovalKind.objects.get(unit=ez.unit, name="施工许可")
    page = login(ez.officer).post(
        f"/enterprise/approvals/projects/{az.project.pk}/items/new/", {"kind": kind.pk, "submitted_on": "2026-12-28"}
    )
    assert page.status_code == 400
    assert "2027 年的法定节假日和调休安排尚未收录" in page.content.decode()
    empty = login(ez.officer).post(f"/enterprise/approvals/projects/{az.project.pk}/items/new/", {"name": ""})
    assert empty.status_code == 400 and "请选择审批事项类型" in empty.content.decode()


def test_the_officer_and_the_status_link_are_set_on_the_board(ez, az, login, world):
    client = login(ez.officer)
    board = f"/enterprise/approvals/projects/{az.other.pk}/"
    client.post(board, {"action": "officer", "officer": world.xs_worker.pk, "office_phone": "0531-8888"})
    accompaniment = Accompaniment.objects.get(project=az.other)
    assert accompaniment.officer == world.xs_worker and accompaniment.office_phone == "0531-8888"
    client.post(board, {"action": "link_issue"})
    accompaniment.refresh_from_db()
    assert accompaniment.status_token != az.other_token
    page = client.post(board, {"action": "link_revoke", "reason": ""}, follow=True)
    assert "请填写停用链接的原因" in page.content.decode()
    client.post(board, {"action": "link_revoke", "reason": "企业要求"})
    accompaniment.refresh_from_db()
    assert accompaniment.status_token is None


def test_the_overdue_list_shows_the_units_overdue_items(ez, az, login, django_assert_max_num_queries):
    client = login(ez.admin)
    with django_assert_max_num_queries(12):
        page = client.get("/enterprise/approvals/items/?overdue=on")
    assert [i.name for i in page.context["page"]] == ["用地预审"]
    assert len(client.get("/enterprise/approvals/items/").context["page"]) == 5
    assert [i.name for i in client.get("/enterprise/approvals/items/?q=施工").context["page"]] == ["施工许可"]


def test_another_units_staff_get_404s(ez, az, login, world):
    client = login(world.jy_admin)
    assert client.get(f"/enterprise/approvals/projects/{az.project.pk}/").status_code == 404
    assert client.get(f"/enterprise/approvals/items/{az.land.pk}/edit/").status_code == 404
    assert client.post(f"/enterprise/approvals/projects/{az.project.pk}/", {"action": "link_issue"}).status_code == 404
    assert client.get("/enterprise/approvals/items/").context["page"].paginator.count == 0
    assert client.get("/api/enterprise/approvals/items").json() == []


def test_the_api_lists_items_with_their_overdue_flag(ez, az, login):
    found = login(ez.officer).get(f"/api/enterprise/approvals/items?project={az.project.pk}&overdue=true").json()
    assert [(i["name"], i["overdue"], i["due_on"]) for i in found] == [("用地预审", True, "2020-10-28")]


def test_only_the_unit_admin_sets_the_kinds_and_the_service_rule(ez, az, login):
    rule = {
        "action": "rule",
        "effective_on": "2020-11-01",
        "first_contact_days": 1,
        "simple_days": 3,
        "complex_days": 10,
    }
    assert login(ez.officer).post("/enterprise/approvals/settings/", rule).status_code == 403
    page = login(ez.admin).post("/enterprise/approvals/settings/", rule, follow=True)
    assert "已保存帮办服务规则" in page.content.decode()
    assert ServiceRule.objects.get(unit=ez.unit).as_rule().code == "1310"
    page = login(ez.admin).post("/enterprise/approvals/settings/", {"action": "load_defaults"}, follow=True)
    assert "常用审批事项都已在清单中" in page.content.decode() and "竣工验收备案" in page.content.decode()


def test_the_home_page_has_the_approvals_card(ez, login):
    text = login(ez.officer).get("/enterprise/").content.decode()
    assert 'id="area-approvals"' in text and "/enterprise/approvals/items/?overdue=on" in text


# --- the enterprise's status page ------------------------------------------------------------------------------


def test_the_enterprise_opens_its_status_page_without_an_account(ez, az, client):
    page = client.get(f"/public/enterprise/status/{az.token}/")
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    text = page.content.decode()
    for word in (
        "黄河饮品扩产项目",
        "用地预审",
        "已超期",
        "立项备案",
        "办结于 2020-09-29",
        "2020-10-28",
        "招商专员",
        "0531-84236155",
        "待申报",
        "办理中",
        "已办结",
    ):
        assert word in text, word
    for other in ("施工许可", "智能装配线项目", ez.enterprises[2].uscc, "zhaoshang", "退出"):
        assert other not in text, other


def test_another_projects_link_shows_only_that_project(ez, az, client):
    text = client.get(f"/public/enterprise/status/{az.other_token}/").content.decode()
    assert "智能装配线项目" in text and "施工许可" in text
    assert "用地预审" not in text and "黄河饮品扩产项目" not in text


def test_a_wrong_or_revoked_link_is_a_404(ez, az, client, login):
    assert client.get(f"/public/enterprise/status/{az.token[:-1]}x/").status_code == 404
    assert client.get(f"/public/enterprise/status/{'a' * 80}/").status_code == 404
    login(ez.officer).post(
        f"/enterprise/approvals/projects/{az.project.pk}/", {"action": "link_revoke", "reason": "重新发放"}
    )
    client.logout()
    assert client.get(f"/public/enterprise/status/{az.token}/").status_code == 404

from datetime import date

import pytest
from django.urls import reverse

from taizhang.enterprise import functions as services
from taizhang.enterprise import tasks_functions
from taizhang.enterprise.models import HandedFunction
from taizhang.hub import tasks
from taizhang.hub.tasks import Audience
from tests.enterprise import fixtures_functions
from tests.enterprise.fixtures_functions import TODAY

LIST = reverse("enterprise:function_list")

handover = fixtures_functions.handover


def _names(response):
    return [f"{f.unit.name}:{f.number}" for f in response.context["page"]]


def test_a_street_sees_only_its_own_functions(handover, login):
    assert sorted(_names(login("jy_worker").get(LIST))) == ["济阳街道:1", "济阳街道:2", "济阳街道:3"]


def test_the_zone_sees_every_function_it_handed_whichever_street(handover, login):
    assert sorted(_names(login("xs_admin").get(LIST))) == ["崔寨街道:1", "济阳街道:1", "济阳街道:2", "济阳街道:3"]


def test_another_street_sees_nothing_of_the_others_and_gets_404(handover, login):
    client = login("cz_admin")
    assert _names(client.get(LIST)) == ["崔寨街道:1"]
    assert client.get(reverse("enterprise:function_detail", args=[handover.jy[0].pk])).status_code == 404
    assert client.get(f"/api/enterprise/functions/{handover.jy[0].pk}").status_code == 404
    note = services.note_write(actor=handover.zone_admin, function=handover.jy[0], text="整改", deadline=TODAY)
    assert client.get(reverse("enterprise:function_note", args=[note.pk])).status_code == 404


def test_the_district_leader_reads_both_sides(handover, login):
    assert len(_names(login("leader").get(LIST))) == 4


def test_filters_by_street_state_and_overdue_notes(handover, login, clock):
    services.move(actor=handover.jy_admin, function=handover.jy[0], target="taken")
    services.note_write(actor=handover.zone_admin, function=handover.jy[1], text="整改", deadline=TODAY)
    client = login("xs_admin")
    assert _names(client.get(LIST, {"group": handover.cuizhai.pk})) == ["崔寨街道:1"]
    assert _names(client.get(LIST, {"state": "taken"})) == ["济阳街道:1"]
    assert _names(client.get(LIST, {"overdue": "on"})) == []
    clock.set(date(2020, 9, 16))
    assert _names(client.get(LIST, {"overdue": "on"})) == ["济阳街道:2"]
    assert _names(client.get(LIST, {"q": "优抚"})) == ["济阳街道:3"]


def test_the_list_and_overview_queries_do_not_grow_with_the_functions(handover, login, django_assert_max_num_queries):
    client = login("xs_admin")
    for number in range(10, 40):
        services.hand_over(
            actor=handover.zone_admin,
            zone=handover.zone,
            street=handover.jiyang,
            number=number,
            name=f"职能{number}",
            category="其他",
            handed_on=TODAY,
        )
    with django_assert_max_num_queries(16):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(14):
        response = client.get(reverse("enterprise:function_overview"))
    rows = {row["name"]: row for row in response.context["rows"]}
    assert rows["济阳街道"]["total"] == 33 and rows["崔寨街道"]["states"][0][2] == 1


def test_the_export_holds_every_filtered_row(handover, login):
    import io

    from openpyxl import load_workbook

    response = login("xs_admin").get(LIST, {"format": "xlsx", "group": handover.jiyang.pk})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == ("序号", "职能名称", "类别") and len(rows) == 2 + 3


def test_the_street_answers_a_note_on_its_page_and_the_zone_closes_it(handover, login):
    note = services.note_write(actor=handover.zone_admin, function=handover.jy[0], text="配齐低保专干", deadline=TODAY)
    url = reverse("enterprise:function_note", args=[note.pk])
    assert login("jy_worker").post(url, {"action": "answer", "answer": "已配齐 2 名专干"}).status_code == 302
    assert login("xs_admin").post(url, {"action": "close"}).status_code == 302
    note.refresh_from_db()
    assert note.answer == "已配齐 2 名专干" and note.closed_on == TODAY


def test_the_street_moves_a_state_on_the_function_page(handover, login):
    url = reverse("enterprise:function_detail", args=[handover.jy[2].pk])
    response = login("jy_admin").post(url, {"action": "move", "on": "2020-08-01"})
    assert response.status_code == 302
    assert HandedFunction.objects.get(pk=handover.jy[2].pk).taken_on == date(2020, 8, 1)
    response = login("xs_admin").post(url, {"action": "move", "on": "2020-08-02"})
    assert HandedFunction.objects.get(pk=handover.jy[2].pk).state == "taken"


def test_overdue_notes_are_in_the_inbox_of_the_street_that_owes_them(handover, world, django_assert_num_queries):
    late = services.note_write(actor=handover.zone_admin, function=handover.jy[0], text="建立台账", deadline=TODAY)
    services.note_write(actor=handover.zone_admin, function=handover.jy[1], text="未到期", deadline=date(2020, 10, 1))
    services.note_write(actor=handover.zone_admin, function=handover.cz, text="崔寨的", deadline=TODAY)
    today = date(2020, 9, 16)
    with django_assert_num_queries(1):
        count = tasks_functions.overdue_notes_count(Audience(world.jy_admin, today))
    assert (count.total, count.overdue) == (1, 1)
    found = tasks.collect(world.jy_worker, today=today, kind="enterprise.function_note")
    assert [t.url for t in found] == [reverse("enterprise:function_note", args=[late.pk])]
    assert tasks.collect(world.xs_admin, today=today, kind="enterprise.function_note") == []
    assert tasks_functions.overdue_notes_count(Audience(handover.cz_admin, today)).total == 1
    services.note_answer(actor=world.jy_admin, note=late, answer="已建立")
    services.note_close(actor=handover.zone_admin, note=late)
    assert tasks_functions.overdue_notes_count(Audience(world.jy_admin, today)).total == 0


@pytest.mark.parametrize("username", ["jy_admin", "cz_admin"])
def test_the_menu_shows_the_functions_to_the_streets_that_carry_them(handover, login, username):
    client = login(username)
    menu = client.get("/").content.decode()
    assert f'href="{LIST}"' in menu and 'href="/enterprise/"' not in menu  # nothing but the functions to carry
    assert client.get("/enterprise/").url == LIST


def test_the_zone_reaches_its_functions_from_the_modules_home(handover, login):
    client = login("xs_admin")
    menu = client.get("/").content.decode()
    assert 'href="/enterprise/"' in menu and f'href="{LIST}"' not in menu
    assert LIST in client.get("/enterprise/").content.decode()


def test_states_read_in_chinese(handover, login):
    text = login("jy_admin").get(LIST).content.decode()
    assert "移交</span>" in text and ">handed<" not in text

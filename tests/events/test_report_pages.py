"""The report's pages (owner 200, another unit 404, query guards), its Excel and PDF, the API, the command, the
metrics and the demo."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook
from PIL import Image

from taizhang.events import events, metrics
from taizhang.events import report as services
from taizhang.events.models import EventPhoto, GameResult
from taizhang.events.report import Placing
from tests.conftest import pdf_text
from tests.events.fixtures_report import make_counted


@pytest.fixture
def counted(world):
    return make_counted(world)


@pytest.fixture
def finished(counted):
    f = counted.festival
    services.results_set(actor=f.admin, session=f.tug, placings=[Placing(1, "东辛村队", "2:0", "大米一袋")])
    services.event_finish(actor=f.admin, event=f.event, crowd=3200)
    return counted


def jpeg_bytes(colour="red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(out, "JPEG")
    return out.getvalue()


def test_the_report_page_shows_figures_results_sales_and_the_brief(
    client, login, world, finished, django_assert_max_num_queries
):
    login(world.xs_admin)
    with django_assert_max_num_queries(22):
        page = client.get(f"/events/{finished.festival.event.pk}/report/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "约 3200 人次" in html and "签到统计 21" in html
    assert "东辛村队（2:0）" in html and "2000.50" in html
    assert "新市镇在新市村荷塘举办2020年农民丰收节，设展销摊位3个，参与群众约3200人次" in html
    assert "events/copy-brief.js" in html and "<script>" not in html


def test_another_unit_gets_404_on_the_report_and_its_photos(client, login, world, finished):
    f = finished.festival
    photo = services.photos_add(actor=f.admin, event=f.event, photos=[io.BytesIO(jpeg_bytes())])[0]
    login(world.jy_admin)
    for url in (
        f"/events/{f.event.pk}/report/",
        f"/events/{f.event.pk}/report/?format=pdf",
        f"/events/{f.event.pk}/photos/",
        f"/events/photos/{photo.pk}/",
        f"/events/photos/{photo.pk}/thumb/",
        f"/events/results/{f.tug.pk}/",
        f"/api/events/events/{f.event.pk}/report",
    ):
        assert client.get(url).status_code == 404, url


def test_a_field_worker_reads_the_report_but_may_not_finish_the_event(client, login, world, counted):
    login(world.xs_worker)
    event = counted.festival.event
    assert client.get(f"/events/{event.pk}/report/").status_code == 200
    assert client.get(f"/events/{event.pk}/report/finish/").status_code == 403
    assert client.post(f"/events/{event.pk}/report/finish/", {"crowd": 5}).status_code == 403


def test_the_admin_finishes_through_the_confirm_page_prefilled_with_the_counted_crowd(client, login, world, counted):
    login(world.xs_admin)
    event = counted.festival.event
    page = client.get(f"/events/{event.pk}/report/finish/").content.decode()
    assert 'value="21"' in page and "结束活动" in page
    client.post(f"/events/{event.pk}/report/finish/", {"crowd": "3000"})
    event.refresh_from_db()
    assert event.finished and event.closing.crowd == 3000
    assert "已结束，参与群众约 <strong>3000</strong> 人次" in client.get(f"/events/{event.pk}/").content.decode()
    client.post(f"/events/{event.pk}/report/reopen/", {"reason": "补录下午场签到"})
    event.refresh_from_db()
    assert not event.finished


def test_results_are_entered_on_their_page_picking_a_checked_in_team(client, login, world, counted):
    login(world.xs_admin)
    tug = counted.festival.tug
    page = client.get(f"/events/results/{tug.pk}/").content.decode()
    assert '<option value="东辛村队">' in page and '<option value="北街队">' not in page  # waiting
    client.post(
        f"/events/results/{tug.pk}/",
        {"entrant_1": "西辛村队", "score_1": "2:1", "prize_1": "锦旗", "entrant_2": "东辛村队"},
    )
    assert list(GameResult.objects.values_list("place", "entrant")) == [(1, "西辛村队"), (2, "东辛村队")]
    assert client.get(f"/events/results/{counted.festival.morning.pk}/").status_code == 404  # not a game


def test_sales_entered_for_vendors_by_phone(client, login, world, counted):
    login(world.xs_admin)
    event, v3 = counted.festival.event, counted.vendors["V3"]
    v1 = counted.vendors["V1"]
    client.post(
        f"/events/{event.pk}/report/sales/",
        {f"sales_{v1.pk}": "1200.50", f"sales_{v3.pk}": "99.5", f"sales_{counted.vendors['V2'].pk}": "800"},
    )
    v3.refresh_from_db()
    assert v3.sales == Decimal("99.50")
    page = client.post(f"/events/{event.pk}/report/sales/", {f"sales_{v3.pk}": "-3"}).content.decode()
    assert "大于或等于0" in page or "不能为负数" in page


def test_photos_are_uploaded_several_at_once_picked_and_voided_with_a_reason(client, login, world, counted):
    login(world.xs_admin)
    event = counted.festival.event
    files = [io.BytesIO(jpeg_bytes(c)) for c in ("red", "green", "blue")]
    for n, f in enumerate(files):
        f.name = f"p{n}.jpg"
    client.post(f"/events/{event.pk}/photos/", {"photos": files, "caption": "采摘"})
    photos = list(EventPhoto.objects.filter(event=event).order_by("pk"))
    assert [p.caption for p in photos] == ["采摘（1）", "采摘（2）", "采摘（3）"]
    assert client.get(f"/events/photos/{photos[0].pk}/thumb/")["Content-Type"] == "image/jpeg"
    client.post(f"/events/{event.pk}/photos/", {"pick": "1", "picked": [str(photos[0].pk), str(photos[2].pk)]})
    assert list(EventPhoto.objects.filter(in_report=True).values_list("pk", flat=True)) == [photos[0].pk, photos[2].pk]
    client.post(f"/events/photos/{photos[0].pk}/void/", {"reason": "拍糊了"})
    assert "采摘（1）" not in client.get(f"/events/{event.pk}/photos/").content.decode()


def test_the_workbook_has_its_sheets_and_the_figures(client, login, world, finished):
    login(world.xs_admin)
    response = client.get(f"/events/{finished.festival.event.pk}/report/?format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["概况", "场次", "展销摊位", "比赛成绩"]  # no budget lines: no 预算执行
    overview = {row[0]: row[1] for row in book["概况"].iter_rows(min_row=2, values_only=True)}
    assert overview["参与群众（人次）"] == 3200 and overview["展销摊位（个）"] == 3
    sessions = [row for row in book["场次"].iter_rows(min_row=2, values_only=True)]
    assert sessions[0][:7] == ("采摘·上午场", "采摘", 4, 1, 3, 1, 1)
    assert list(book["比赛成绩"].iter_rows(min_row=2, values_only=True)) == [("拔河", 1, "东辛村队", "2:0", "大米一袋")]


def test_the_workbook_carries_the_budget_sheet_once_the_event_has_a_budget(client, login, world, finished):
    from datetime import date

    from taizhang.events import plan_budget

    event = finished.festival.event
    line = plan_budget.line_create(actor=None, event=event, item="奖品", budgeted=9000)
    plan_budget.spending_create(actor=None, line=line, spent_on=date(2020, 9, 10), amount=8650.5, payee="供销社")
    login(world.xs_admin)
    book = load_workbook(io.BytesIO(client.get(f"/events/{event.pk}/report/?format=xlsx").content))
    rows = list(book["预算执行"].iter_rows(min_row=2, values_only=True))
    assert rows[0][1:5] == ("奖品", 9000, 8650.5, 349.5) and rows[-1][1] == "合计"


def test_the_pdf_prints_the_brief_figures_and_photos(client, login, world, finished):
    f = finished.festival
    photos = services.photos_add(
        actor=f.admin, event=f.event, photos=[io.BytesIO(jpeg_bytes()), io.BytesIO(jpeg_bytes("blue"))], caption="拔河"
    )
    services.photos_pick(actor=f.admin, event=f.event, photo_ids={p.pk for p in photos})
    login(world.xs_admin)
    response = client.get(f"/events/{f.event.pk}/report/?format=pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "活动报告" in text and "约 3200 人次" in text and "东辛村队" in text and "拔河（2）" in text
    assert "参与群众约3200人次" in text.replace("\n", "").replace(" ", "")


def test_the_api_gives_the_figures_and_the_brief(client, login, world, finished):
    login(world.xs_admin)
    found = client.get(f"/api/events/events/{finished.festival.event.pk}/report").json()
    assert found["crowd"] == 3200 and found["counted"] == 21 and found["stalls"] == 3
    assert found["total"]["checked_in"] == 6 and found["results"][0]["entrant"] == "东辛村队"
    assert found["brief"].startswith("9月19日，新市镇")


def test_the_command_prints_one_line_per_session_then_the_brief(finished, capsys):
    call_command("event-report", "--event", "2020年新市镇农民丰收节")
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        "采摘·上午场: 报名 4, 候补 1, 签到 3",
        "采摘·中午场: 报名 1, 候补 0, 签到 1",
        "拔河: 报名 3, 候补 1, 签到 2",
    ]
    assert lines[-1].startswith("9月19日，新市镇在新市村荷塘举办") and "东辛村队获拔河第一名" in lines[-1]


def test_the_command_names_the_fix_for_an_unknown_or_ambiguous_event(world, finished, capsys):
    with pytest.raises(CommandError, match="没有名为“春节联欢会”的活动"):
        call_command("event-report", "--event", "春节联欢会")
    events.event_create(
        actor=None, unit=world.jiyang, name="2020年新市镇农民丰收节", starts_on=date(2020, 9, 19), place="广场"
    )
    with pytest.raises(CommandError, match="--unit"):
        call_command("event-report", "--event", "2020年新市镇农民丰收节")
    call_command("event-report", "--event", "2020年新市镇农民丰收节", "--unit", "新市镇")
    assert "采摘·上午场: 报名 4" in capsys.readouterr().out


def test_the_metrics_count_this_year_s_finished_events_and_their_crowds(world, finished):
    units = [world.xinshi.pk, world.jiyang.pk]
    as_of = date(2020, 12, 31)
    assert metrics.events_held(unit_ids=units, as_of=as_of, month=date(2020, 12, 1)) == {
        (world.xinshi.pk, None): metrics.Value(1)
    }
    assert metrics.attendance(unit_ids=units, as_of=as_of, month=date(2020, 12, 1)) == {
        (world.xinshi.pk, None): metrics.Value(3200)
    }
    assert metrics.events_held(unit_ids=units, as_of=date(2021, 3, 1), month=date(2021, 3, 1)) == {}


def test_the_report_demo_finishes_the_past_festival_and_running_it_twice_changes_nothing(world):
    from taizhang.events import demo_report
    from tests.events.conftest import make_festival

    past = make_festival(world).event
    upcoming = events.event_create(
        actor=None, unit=world.xinshi, name="2021年新市镇农民丰收节", starts_on=date(2021, 9, 18), place="荷塘"
    )
    for _ in range(2):
        demo_report.build(past=past, upcoming=upcoming, seed=7, today=date(2021, 3, 1))
        past.refresh_from_db()
    assert past.finished and past.closing.crowd == demo_report.CROWD
    assert EventPhoto.objects.filter(event=past).count() == 12
    assert EventPhoto.objects.filter(event=past, in_report=True).count() == 6
    assert GameResult.objects.filter(event=past).count() == 3  # the one game, three places
    assert not upcoming.photos.exists() and not upcoming.results.exists()

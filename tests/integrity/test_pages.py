"""疑点核查's pages: who sees them, the month's list with its filters, figures and download, one signal and its
review, the kinds with their parameters and precision."""

import csv
import io
from datetime import date, timedelta

import pytest

from taizhang.audit.models import AuditEntry
from taizhang.integrity.models import Signal, SignalSetting, Verdict
from tests.integrity import fakes
from tests.integrity.conftest import MARCH, signal


@pytest.fixture
def march(world, clock):
    clock.set(clock.now().replace(year=2026, month=3, day=20))
    return world


def test_field_workers_and_group_leaders_are_refused_and_do_not_get_the_menu_entry(client, login, march):
    pair = signal(march.xinshi, fakes.pair(MARCH))
    for user in (march.xs_worker, march.xs_group_leader):
        login(user)
        assert client.get("/integrity/").status_code == 403
        assert client.get(f"/integrity/{pair.pk}/").status_code == 403
        assert client.get("/integrity/kinds/").status_code == 403
        assert "疑点核查" not in client.get("/").content.decode()
    assert "疑点核查" in login(march.xs_admin).get("/").content.decode()


def test_another_units_signal_is_not_found(client, login, march):
    pair = signal(march.xinshi, fakes.pair(MARCH))
    assert login(march.jy_admin).get(f"/integrity/{pair.pk}/").status_code == 404
    assert "XS001" not in client.get("/integrity/", {"month": "2026-03"}).content.decode()


def test_the_month_lists_its_signals_with_kind_severity_records_and_state(client, login, march):
    signal(march.xinshi, fakes.pair(MARCH), verdict=Verdict.NORMAL)
    signal(march.xinshi, fakes.late(MARCH))
    signal(march.xinshi, fakes.late(date(2026, 2, 27), visit_id=9))  # February
    page = login(march.xs_admin).get("/integrity/", {"month": "2026-03"})
    body = page.content.decode()
    assert page.context["page"].paginator.count == 2
    assert "两次走访相隔过近" in body and "补录过晚" in body and "已核实正常" in body and "未核实" in body
    assert 'href="/assistance/visits/1/"' in body and "XS002 · 03-10 09:16" in body
    assert "2026年3月" in body and "month=2026-02" in body and "month=2026-04" in body
    assert "5 天后才录入" in client.get("/integrity/", {"month": "2026-02"}).content.decode()


def test_this_month_is_the_default(client, login, march):
    signal(march.xinshi, fakes.late(date(2026, 3, 19)))
    assert login(march.xs_admin).get("/integrity/").context["page"].paginator.count == 1


@pytest.mark.parametrize(
    "query, count",
    [
        ({"state": "open"}, 2),
        ({"state": "normal"}, 1),
        ({"state": "gone"}, 1),
        ({"state": "problem"}, 0),
        ({"kind": fakes.PAIR}, 2),
        ({"q": "XS002"}, 2),
        ({"q": "录入"}, 2),
        ({"community": "village"}, 1),
        ({"state": "nonsense"}, 4),  # a refused filter is left out
    ],
)
def test_the_filters(client, login, march, query, count):
    signal(march.xinshi, fakes.pair(MARCH), verdict=Verdict.NORMAL)
    signal(march.xinshi, fakes.pair(MARCH, 3, 4), community=march.xinshi_village)
    signal(march.xinshi, fakes.late(MARCH))
    signal(march.xinshi, fakes.late(MARCH, visit_id=7), gone=True)
    if query.get("community") == "village":
        query = {"community": march.xinshi_village.pk}
    page = login(march.xs_admin).get("/integrity/", {"month": "2026-03", **query})
    assert page.context["page"].paginator.count == count


def test_the_kind_lines_show_the_periods_counts_and_the_precision(client, login, march):
    signal(march.xinshi, fakes.pair(MARCH), verdict=Verdict.PROBLEM)
    signal(march.xinshi, fakes.pair(MARCH, 3, 4), verdict=Verdict.NORMAL)
    signal(march.xinshi, fakes.pair(MARCH, 5, 6))
    body = login(march.xs_admin).get("/integrity/", {"month": "2026-03"}).content.decode()
    assert '50%<span class="text-muted">（n=2，属实 1）' in body and "尚无核实" in body


def test_the_list_takes_a_fixed_number_of_queries(client, login, march, django_assert_max_num_queries):
    for n in range(30):
        signal(march.xinshi, fakes.pair(MARCH, n * 2 + 10, n * 2 + 11), community=march.xinshi_village)
    login(march.xs_admin)
    client.get("/integrity/", {"month": "2026-03"})
    # session, user, node, modules, communities, page count and rows, two kind figures, last run, …
    with django_assert_max_num_queries(14):
        page = client.get("/integrity/", {"month": "2026-03", "q": "XS"})
    assert len(page.context["page"].object_list) == 20


def test_the_district_sees_every_unit_and_may_pick_one(client, login, march):
    signal(march.xinshi, fakes.pair(MARCH))
    signal(march.jiyang, fakes.late(MARCH))
    login(march.auditor)
    assert client.get("/integrity/", {"month": "2026-03"}).context["page"].paginator.count == 2
    page = client.get("/integrity/", {"month": "2026-03", "unit": march.jiyang.pk})
    assert page.context["page"].paginator.count == 1 and "重新核查本月" not in page.content.decode()


def test_rerunning_the_month_keeps_the_findings_and_says_what_changed(client, login, march, found):
    found(march.xinshi, fakes.pair(MARCH), fakes.late(MARCH))
    signal(march.xinshi, fakes.late(MARCH, visit_id=8))  # no longer found
    login(march.xs_admin)
    assert "重新核查本月" in client.get("/integrity/", {"month": "2026-03"}).content.decode()
    response = client.post("/integrity/run/", {"month": "2026-03"}, follow=True)
    assert response.redirect_chain[-1][0] == "/integrity/?month=2026-03"
    body = response.content.decode()
    assert "发现 2 条（新 2 条，消失 1 条）" in body and "上次核查" in body and "王主任" in body
    assert Signal.objects.filter(unit=march.xinshi).count() == 3


def test_only_the_units_admin_reruns(client, login, march):
    for user in (march.auditor, march.leader, march.xs_worker):
        assert login(user).post("/integrity/run/", {"month": "2026-03"}).status_code == 403
    assert login(march.xs_admin).get("/integrity/run/").status_code == 405


def test_the_download_prints_the_commands_rows_per_module(client, login, march):
    signal(march.xinshi, fakes.pair(MARCH))
    signal(march.xinshi, fakes.late(MARCH), verdict=Verdict.NORMAL)
    response = login(march.xs_admin).get("/integrity/", {"month": "2026-03", "state": "open", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["户编号", "走访日期", "开始时间", "帮扶责任人", "疑点类型", "说明"]
    assert [r[:5] for r in rows[1:]] == [
        ["XS001", "2026-03-10", "09:10", "张帮扶", "两次走访相隔过近"],
        ["XS002", "2026-03-10", "09:16", "孙帮扶", "两次走访相隔过近"],
    ]
    assert "两户相距约 2.4 公里" in rows[1][5]


def test_the_admin_reviews_a_signal_and_the_history_shows_it(client, login, march):
    pair = signal(march.xinshi, fakes.pair(MARCH), community=march.xinshi_village)
    login(march.xs_admin)
    page = client.get(f"/integrity/{pair.pk}/").content.decode()
    assert "两次走访之间的时间不够走完两户之间的路" in page and "至少间隔" in page and "10 分钟" in page
    assert "还没有核实记录" in page
    response = client.post(f"/integrity/{pair.pk}/", {"verdict": "normal", "note": "与户主电话核实，属实"}, follow=True)
    body = response.content.decode()
    assert "已记录核实结论：已核实正常" in body and "与户主电话核实，属实" in body and "王主任（xs_admin）" in body
    pair.refresh_from_db()
    assert pair.verdict == Verdict.NORMAL


def test_a_review_without_a_note_or_verdict_is_refused_by_field(client, login, march):
    pair = signal(march.xinshi, fakes.pair(MARCH))
    page = login(march.xs_admin).post(f"/integrity/{pair.pk}/", {"verdict": "", "note": " "})
    assert page.status_code == 200 and page.context["form"].errors.keys() == {"verdict", "note"}
    page = client.post(f"/integrity/{pair.pk}/", {"verdict": "problem", "note": "是"})
    assert "请写明核实了什么" in page.content.decode()
    assert not AuditEntry.objects.filter(object_type="integrity.signal").exists()


def test_the_auditor_and_the_leader_read_a_signal_but_do_not_review_it(client, login, march):
    pair = signal(march.xinshi, fakes.pair(MARCH))
    for user in (march.auditor, march.leader):
        login(user)
        page = client.get(f"/integrity/{pair.pk}/")
        assert page.status_code == 200 and "保存核实结论" not in page.content.decode()
        assert client.post(f"/integrity/{pair.pk}/", {"verdict": "normal", "note": "看过了"}).status_code == 403
    assert login(march.jy_admin).post(f"/integrity/{pair.pk}/", {"verdict": "normal", "note": "看"}).status_code == 404


def test_the_parameters_shown_are_those_in_force_on_the_signals_day(client, login, march):
    SignalSetting.objects.create(
        unit=march.xinshi, kind=fakes.PAIR, param="minutes", value="15", effective_from=date(2026, 3, 11)
    )
    before = signal(march.xinshi, fakes.pair(MARCH))
    after = signal(march.xinshi, fakes.pair(date(2026, 3, 12), 5, 6))
    login(march.xs_admin)
    assert client.get(f"/integrity/{before.pk}/").context["params"][0][1] == "10"
    assert client.get(f"/integrity/{after.pk}/").context["params"][0][1] == "15"


def test_the_kinds_page_sets_a_parameter_from_a_day_and_shows_its_history(client, login, march):
    login(march.xs_admin)
    page = client.get("/integrity/kinds/").content.decode()
    assert "两次走访相隔过近" in page and "默认值 10" in page and "近 12 个月尚无核实" in page
    response = client.post(
        "/integrity/kinds/",
        {"kind": fakes.PAIR, "assistance-test_pair-param": "minutes", "assistance-test_pair-value": "12",
         "assistance-test_pair-effective_from": "2026-04-01", "assistance-test_pair-note": "镇党委会议决定"},
        follow=True,
    )  # fmt: skip
    body = response.content.decode()
    assert "自 2026-04-01 起生效" in body and "自 2026-04-01：12 分钟" in body and "镇党委会议决定" in body
    assert SignalSetting.objects.get().created_by == march.xs_admin


@pytest.mark.parametrize(
    "param, value, day, field, message",
    [
        ("minutes", "十二", "2026-04-01", "value", "不是数字"),
        ("night_from", "9点", "2026-04-01", "value", "不是时刻"),
        ("minutes", "12", "2026-02-28", "effective_from", "不能早于本月 1 日"),
        ("hours", "12", "2026-04-01", "param", "不在可用的选项中"),
    ],
)
def test_a_parameter_the_rule_cannot_read_is_refused_by_field(client, login, march, param, value, day, field, message):
    prefix = "assistance-test_pair-"
    page = login(march.xs_admin).post(
        "/integrity/kinds/",
        {"kind": fakes.PAIR, prefix + "param": param, prefix + "value": value, prefix + "effective_from": day},
    )
    form = next(c["form"] for c in page.context["cards"] if c["kind"].key == fakes.PAIR)
    assert message in " ".join(form.errors[field]) and not SignalSetting.objects.exists()


def test_only_the_units_admin_sets_parameters(client, login, march):
    login(march.auditor)
    assert "调整参数" not in client.get("/integrity/kinds/", {"unit": march.xinshi.pk}).content.decode()
    data = {"kind": fakes.PAIR, "assistance-test_pair-param": "minutes", "assistance-test_pair-value": "12"}
    assert client.post(f"/integrity/kinds/?unit={march.xinshi.pk}", data).status_code == 403
    assert login(march.jy_admin).get("/integrity/kinds/", {"unit": march.xinshi.pk}).context["unit"] == march.jiyang


def test_the_kinds_page_shows_precision_month_by_month(client, login, march):
    signal(march.xinshi, fakes.pair(MARCH), verdict=Verdict.PROBLEM)
    signal(march.xinshi, fakes.pair(MARCH - timedelta(days=30), 3, 4), verdict=Verdict.NORMAL)
    card = next(
        c for c in login(march.xs_admin).get("/integrity/kinds/").context["cards"] if c["kind"].key == fakes.PAIR
    )
    assert [(str(m)[:7], p.percent) for m, p in card["trend"]] == [("2026-02", 0), ("2026-03", 100)]

"""The sign-up list import: every error of a file at once (row, column, reason), whole or nothing, rows placed in
the order of 报名时间 with the rest on the waiting list in that order, the batch undone with the places given back
to the waiting in line; the command's lines per session; the ledger on the kernel's import pages."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from taizhang.events.ledgers import SIGNUPS, event_target
from taizhang.events.models import SignUp
from taizhang.events.rules import places
from taizhang.imports.ledgers import declared
from taizhang.imports.services import batch_void, import_run
from tests.events.fixtures_signups import sign, signup_file
from tests.imports.test_real_ledgers import checked_as_kept, xls, xlsx


def run(festival, data, *, dry_run=False, actor=None):
    return import_run(
        ledger=SIGNUPS,
        actor=actor,
        target=event_target(festival.event),
        data=data,
        filename="报名.csv",
        dry_run=dry_run,
    )


def states(session):
    return list(SignUp.objects.filter(session=session).order_by("signed_at", "id").values_list("name", "state"))


GOOD = [
    ["赵一", "13800000005", "采摘·上午场", "2020-09-01 08:05", "", "", "东辛村"],
    ["钱二", "138 0000 0001", "采摘·上午场", "2020/9/1 8:01", "", "", "崔寨村"],
    ["孙三", "13800000003", "采摘·上午场", "2020年9月1日 8时03分", "", "", "后范村"],
    ["李四", "13800000002", "采摘·上午场", "2020-09-01 08:02", "", "", "东辛村"],
    ["周五", "13800000004", "采摘·上午场", "2020-09-01 08:04", "", "", ""],
    ["吴六", "13800000006", "拔河", "2020-09-02 10:00", "东辛村一队", "王甲、王乙、王丙", "东辛村"],
]


def test_a_good_file_places_its_rows_in_the_order_of_their_sign_up_time(festival):
    report, batch = run(festival, signup_file(GOOD))
    assert report.ok and report.applied and batch is not None, [e.as_text() for e in report.errors]
    assert report.summary() == "共 6 行：已导入 6 条报名，其中候补 2 条"
    assert states(festival.morning) == [
        ("钱二", places.CONFIRMED),
        ("李四", places.CONFIRMED),
        ("孙三", places.CONFIRMED),
        ("周五", places.WAITING),
        ("赵一", places.WAITING),
    ]
    team = SignUp.objects.get(session=festival.tug)
    assert (team.team_name, team.people, team.source, team.import_batch) == ("东辛村一队", 4, "import", batch)
    assert SignUp.objects.get(name="钱二").phone == "13800000001"


def test_a_dry_run_counts_who_would_wait_and_writes_nothing(festival):
    report, batch = run(festival, signup_file(GOOD), dry_run=True)
    assert report.ok and not report.applied and batch is None
    assert report.waiting == 2 and SignUp.objects.count() == 0


def test_a_bad_file_names_every_error_at_once_and_writes_nothing(festival):
    sign(festival.noon, 7)  # 13900000007 already holds a place at noon
    rows = [
        ["赵一", "13800000001", "采摘·晚场", "2020-09-01 08:00", "", "", ""],
        ["钱二", "13800000002", "群众演出专场", "2020-09-01 08:00", "", "", ""],
        ["孙三", "1380000", "采摘·上午场", "2020-09-01 08:00", "", "", ""],
        ["李四", "13800000004", "采摘·上午场", "九月一日", "", "", ""],
        ["周五", "13800000005", "采摘·上午场", "2020-09-01 08:00", "", "", ""],
        ["吴六", "13800000005", "采摘·上午场", "2020-09-01 08:01", "", "", ""],
        ["郑七", "13900000007", "采摘·中午场", "2020-09-01 08:00", "", "", ""],
        ["王八", "13800000008", "拔河", "2020-09-01 08:00", "", "", ""],
        ["", "13800000009", "采摘·中午场", "2020-09-01 08:00", "", "", ""],
    ]
    report, batch = run(festival, signup_file(rows))
    assert batch is None and not report.applied and SignUp.objects.count() == 1
    found = {(e.row, e.column): e.reason for e in report.errors}
    assert "本活动没有这个场次" in found[(2, "场次")]
    assert "无需报名" in found[(3, "场次")]
    assert "不是 11 位的手机号码" in found[(4, "手机号")]
    assert "看不懂" in found[(5, "报名时间")]
    assert "与第6行重复" in found[(7, "手机号")]
    assert "已报名“采摘·中午场”" in found[(8, "手机号")]
    assert found[(9, "队名")] == "请填写队名"
    assert found[(10, "姓名")] == "请填写姓名"
    assert report.error_count == 8
    assert "13900000007" not in "".join(e.as_text() for e in report.errors)  # the one already signed up: masked


def test_a_team_too_big_for_the_game_is_refused_naming_its_members_column(festival):
    members = "、".join(f"队员{n}" for n in range(1, 9))
    report, _ = run(festival, signup_file([["领队", "13800000001", "拔河", "2020-09-01", "一队", members, ""]]))
    assert [(e.column, e.reason) for e in report.errors] == [("队员", "本项目每队最多 8 人（含领队），现填写 9 人")]


def test_undoing_the_batch_cancels_its_sign_ups_and_gives_their_places_to_the_waiting_in_line(festival):
    early = [sign(festival.morning, n) for n in (1, 2)]  # two places taken before the import
    rows = [
        ["甲", "13800000011", "采摘·上午场", "2020-09-01 09:00", "", "", ""],
        ["乙", "13800000012", "采摘·上午场", "2020-09-01 09:01", "", "", ""],
    ]
    report, batch = run(festival, signup_file(rows))
    assert report.applied
    later = sign(festival.morning, 3, at=early[1].signed_at.replace(hour=10))  # waits behind 乙
    assert [s for _, s in states(festival.morning)] == [places.CONFIRMED] * 3 + [places.WAITING] * 2
    assert batch_void(batch=batch, actor=festival.admin, reason="名单有误") == 2
    assert states(festival.morning) == [
        ("群众1", places.CONFIRMED),
        ("群众2", places.CONFIRMED),
        ("甲", places.CANCELLED),
        ("乙", places.CANCELLED),
        ("群众3", places.CONFIRMED),
    ]
    later.refresh_from_db()
    assert later.promoted_at is not None


def test_a_batch_with_a_check_in_cannot_be_undone(festival):
    _, batch = run(festival, signup_file(GOOD))
    SignUp.objects.filter(name="钱二").update(checked_in_at=festival.event.created_at)
    with pytest.raises(ValidationError, match="已有 1 条报名签到"):
        batch_void(batch=batch, actor=festival.admin, reason="名单有误")
    assert not SignUp.objects.filter(state=places.CANCELLED).exists()


def test_the_command_prints_each_session_and_exits_non_zero_on_a_bad_file(festival, tmp_path):
    good = tmp_path / "报名.csv"
    good.write_bytes(signup_file(GOOD))
    out = io.StringIO()
    call_command("import-signups", str(good), "--event", festival.event.name, "--unit", "新市镇", stdout=out)
    lines = out.getvalue().splitlines()
    assert "采摘·上午场: 报名 3, 候补 2" in lines
    assert "采摘·中午场: 报名 0, 候补 0" in lines
    assert "拔河: 报名 1, 候补 0" in lines
    assert any(line.startswith("导入批次: ") for line in lines)
    bad = tmp_path / "错.csv"
    bad.write_bytes(signup_file([["赵一", "123", "采摘·上午场", "明天", "", "", ""]]))
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("import-signups", str(bad), "--event", festival.event.name, stdout=out)
    assert exit_.value.code == 1
    assert "第2行「手机号」" in out.getvalue() and "第2行「报名时间」" in out.getvalue()
    assert "共 2 处错误，没有写入任何数据。" in out.getvalue()


@pytest.mark.parametrize("make, suffix", [(xlsx, "xlsx"), (xls, "xls")])
def test_the_ledger_reads_a_list_as_a_street_keeps_it(world, make, suffix):
    from tests.events.conftest import make_festival

    festival = make_festival(world)
    festival.morning.name = "现场采摘·上午场"  # the name the ledger's example row gives
    festival.morning.save(update_fields=["name"])
    report = checked_as_kept(declared("events.signups"), world.xs_admin, make, suffix)
    assert (report.sheet_name, report.header_row) == ("台账", 2)
    assert set(report.columns) == set(SIGNUPS.columns) and report.unknown_columns == []
    assert report.rows == 1 and report.skipped[0][0] == 4 and report.ok, [e.as_text() for e in report.errors]


def test_the_upload_page_offers_the_units_events_to_its_planners_only(festival, jy_event, login):
    text = login(festival.admin).get("/imports/upload/?ledger=events.signups").content.decode()
    assert "活动报名名单" in text and festival.event.name in text and jy_event.name not in text

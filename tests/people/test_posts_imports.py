"""The appointment ledger and the 竞聘 scores through the kernel's import pipeline and the command: whole or
nothing, every error at once naming row, field and reason, a numbered batch that can be undone."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from taizhang.documents.importing import Target
from taizhang.imports.ledgers import declared
from taizhang.imports.services import batch_void, import_run
from taizhang.people import rounds
from taizhang.people.appointments_import import COLUMNS
from taizhang.people.ledgers_posts import round_target
from taizhang.people.models import Application, Contract, Post
from taizhang.staff.services import staff_create
from tests.conftest import csv_bytes, xlsx_bytes


@pytest.fixture
def newcomers(zone):
    return [
        staff_create(actor=None, node=zone.economy, username=f"xin{i}", full_name=name, role="field_worker")
        for i, name in enumerate(["辛甲", "辛乙", "辛丙"], start=1)
    ]


def _run(zone, data, filename="聘任台账.csv", dry_run=False, actor=None):
    target = Target(unit=zone.office.parent, label="新市镇")
    return import_run(
        ledger=declared("people.appointments"),
        actor=actor,
        target=target,
        data=data,
        filename=filename,
        dry_run=dry_run,
    )


ROWS = [
    ["xin1", "辛甲", "经济发展部", "经济运行岗", "5000", "2021-01-01", "2023-12-31", "30%→35%→40%"],
    ["xin2", "辛乙", "经济发展部", "招商专员岗", "4800", "2021-01-01", "2023-12-31", "30；35；40"],
    ["xin3", "", "经济发展部", "招商专员岗", "4800", "2021-03-01", "2022-02-28", "35"],
]


def test_an_appointment_ledger_creates_contracts_and_missing_posts_as_one_batch(zone, newcomers):
    report, batch = _run(zone, xlsx_bytes(ROWS, header=COLUMNS), filename="聘任台账.xlsx")
    assert report.ok and report.created == 3, report.errors
    post = Post.objects.get(name="招商专员岗")
    assert post.department_id == zone.economy.pk and post.monthly_pay == Decimal(4800) and post.headcount == 2
    contract = Contract.objects.get(user=newcomers[2])
    assert contract.performance_shares == ["35"] and contract.import_batch_id == batch.pk
    again, _ = _run(zone, xlsx_bytes(ROWS, header=COLUMNS), filename="聘任台账.xlsx")
    assert again.ok and again.created == 0 and again.unchanged == 3


def test_every_bad_row_is_reported_at_once_and_nothing_is_written(zone, newcomers):
    rows = [
        ["nobody", "某某", "经济发展部", "经济运行岗", "5000", "2021-01-01", "2023-12-31", "30"],
        ["xin1", "辛乙", "不存在部", "经济运行岗", "5000", "2021-01-01", "2023-12-31", "30"],
        ["xin2", "辛乙", "经济发展部", "新岗", "abc", "2021-01-01", "2023-12-31", "30"],
        ["xin3", "辛丙", "经济发展部", "新岗二", "4000", "2021-01-01", "2020-12-31", "30"],
        ["xin3", "辛丙", "经济发展部", "新岗二", "4000", "2021-01-01", "2023-12-31", "30、35"],
        ["kong1", "孔一", "党政办公室", "综合文秘岗", "4000", "2021-01-01", "2023-12-31", "30"],
        ["xin1", "辛甲", "经济发展部", "新岗三", "4000", "2021-01-01", "2023-12-31", "x" * 3000],
    ]
    report, batch = _run(zone, csv_bytes(rows, header=COLUMNS))
    assert batch is None and not Contract.objects.filter(user__in=newcomers).exists()
    found = {(e.row, e.column): e.reason for e in report.errors}
    assert "没有用户名为 nobody" in found[(2, "用户名")]
    assert "姓名是辛甲" in found[(3, "姓名")] and "没有部门“不存在部”" in found[(3, "部门")]
    assert "大于 0 的金额" in found[(4, "岗位工资")]
    assert "晚于聘期开始" in found[(5, "聘期结束")]
    assert "共 3 个），现为 2 个" in found[(6, "绩效薪酬占比")]
    assert "已有在聘合同" in found[(7, "聘期开始")]
    assert "太长" in found[(8, "绩效薪酬占比")]


def test_two_rows_of_one_person_with_overlapping_terms_are_refused(zone, newcomers):
    rows = [ROWS[0], [*ROWS[0][:5], "2022-01-01", "2024-12-31", "30"]]
    report, _ = _run(zone, csv_bytes(rows, header=COLUMNS))
    assert any("与第2行同一人的聘期重叠" in e.reason and e.row == 3 for e in report.errors)


def test_the_batch_can_be_undone_until_a_contract_is_renewed(zone, newcomers, world):
    from taizhang.people import contracts

    report, batch = _run(zone, csv_bytes(ROWS, header=COLUMNS), actor=world.xs_admin)
    assert batch_void(batch=batch, actor=world.xs_admin, reason="导错了") == 3
    assert not Contract.objects.filter(user__in=newcomers).exists()
    _, batch = _run(zone, csv_bytes(ROWS, header=COLUMNS), actor=world.xs_admin)
    contracts.contract_renew(
        actor=world.xs_admin,
        contract=Contract.objects.get(user=newcomers[2]),
        ends_on=date(2025, 2, 28),
        monthly_pay=Decimal(4800),
        shares=[Decimal(40)] * 3,
    )
    with pytest.raises(ValidationError, match="已有后续记录"):
        batch_void(batch=batch, actor=world.xs_admin, reason="导错了")


def test_the_command_imports_the_ledger_and_prints_the_batch(zone, newcomers, tmp_path, capsys):
    path = tmp_path / "聘任台账.csv"
    path.write_bytes(csv_bytes(ROWS, header=COLUMNS))
    out = io.StringIO()
    call_command("import-appointments", str(path), "--unit", "新市镇", stdout=out)
    assert "导入批次" in out.getvalue() and Contract.objects.filter(user__in=newcomers).count() == 3


def test_the_committee_sees_the_ledgers_on_the_import_page(zone, login):
    text = login(zone.committee).get("/imports/").content.decode()
    assert "聘任台账" in text
    assert "聘任台账" not in login(zone.staff[0]).get("/imports/").content.decode()


def _published_round(zone, clock, post):
    today = date(2022, 10, 10)
    clock.set(today)
    rnd = rounds.round_create(
        actor=zone.committee,
        unit=zone.office.parent,
        title="竞聘",
        posts={post: 1},
        apply_from=today,
        apply_until=today + timedelta(days=3),
        term_starts_on=date(2023, 1, 1),
        term_ends_on=date(2025, 12, 31),
        shares=[Decimal(30)] * 3,
    )
    return rounds.round_publish(actor=zone.committee, rnd=rnd)


def test_round_scores_import_into_a_round_taking_scores(zone, clock):
    rnd = _published_round(zone, clock, zone.head_post)
    for user in zone.staff[:2]:
        rounds.applications_set(actor=user, rnd=rnd, round_posts=list(rnd.posts.all()))
    header = ["用户名", "岗位", "笔试", "面试", "民主测评"]
    bad = csv_bytes([["kong1", "部长", "101", "x", ""], ["kong3", "部长", "80", "80", "80"]], header=header)
    ledger = declared("people.round-scores")
    report, batch = import_run(ledger=ledger, actor=None, target=round_target(rnd), data=bad, filename="成绩.csv")
    found = {(e.row, e.column): e.reason for e in report.errors}
    assert batch is None and "0 到 100" in found[(2, "笔试")] and "不是分数" in found[(2, "面试")]
    assert "kong3没有报名" in found[(3, "用户名")]
    good = csv_bytes([["kong1", "部长", "88", "90", ""], ["kong2", "部长", "70", "75.5", "80"]], header=header)
    report, batch = import_run(ledger=ledger, actor=None, target=round_target(rnd), data=good, filename="成绩.csv")
    assert report.ok and batch is not None
    scores = {a.user.username: a.scores for a in Application.objects.select_related("user")}
    assert scores["kong1"] == (Decimal(88), Decimal(90), None) and scores["kong2"][1] == Decimal("75.5")
    batch_void(batch=batch, actor=None, reason="重录")
    assert all(a.scores == (None, None, None) for a in Application.objects.all())


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_the_score_ledger_reads_a_workbook_as_a_township_keeps_it(zone, clock, suffix):
    from tests.imports.test_real_ledgers import xls, xlsx

    rnd = _published_round(zone, clock, zone.officer_post)
    rounds.applications_set(actor=zone.staff[0], rnd=rnd, round_posts=list(rnd.posts.all()))
    ledger = declared("people.round-scores")
    data = (xlsx if suffix == "xlsx" else xls)(ledger)
    report, batch = import_run(
        ledger=ledger, actor=None, target=round_target(rnd), data=data, filename=f"成绩.{suffix}"
    )
    assert (report.sheet_name, report.header_row, report.rows) == ("台账", 2, 1) and report.ok, report.errors
    assert Application.objects.get().scores == (Decimal(86), Decimal("90.5"), Decimal(88))

"""企业家奖励评分 from Excel through the kernel's import: every wrong row named at once (reviewer, code, criterion,
score), nothing written until the file is clean, the scores then counted like the page's, the batch undone."""

from decimal import Decimal

from taizhang.documents.importing import Target
from taizhang.enterprise.models import AwardScore
from taizhang.imports.ledgers import declared
from taizhang.imports.services import batch_void, import_run
from tests.conftest import csv_bytes, xlsx_bytes
from tests.enterprise.fixtures_awards import make_round, nominate_all

HEADER = ["评审人", "统一社会信用代码", "评审标准", "得分"]


def _scoring_round(ez):
    from taizhang.enterprise import awards

    rnd = make_round(ez)
    nominations = nominate_all(ez, rnd)
    return awards.scoring_start(actor=ez.admin, rnd=rnd), nominations


def _target(rnd):
    return Target(unit=rnd.unit, label=rnd.title, key=str(rnd.pk), kwargs={"rnd": rnd})


def test_every_bad_row_is_named_and_nothing_is_written(ez):
    rnd, _ = _scoring_round(ez)
    code = ez.enterprises[0].uscc
    rows = [
        ["nobody", code, "税收贡献", "80"],
        [ez.officer.username, "91370125MA3C99999X", "税收贡献", "80"],
        [ez.officer.username, code, "纳税", "80"],
        [ez.officer.username, code, "增长", "101"],
        [ez.officer.username, code, "就业", "80"],
        [ez.officer.username, code, "就业", "81"],
    ]
    ledger = declared("enterprise.award-scores")
    report, batch = import_run(
        ledger=ledger, actor=ez.admin, target=_target(rnd), data=csv_bytes(rows, HEADER), filename="评分.csv"
    )
    found = {(e.row, e.column): e.reason for e in report.errors}
    assert batch is None and not AwardScore.objects.exists()
    assert "不是本次评选的评审人" in found[(2, "评审人")]
    assert "没有这家企业的有效提名" in found[(3, "统一社会信用代码")]
    assert "税收贡献、增长" in found[(4, "评审标准")]
    assert "0 到 100" in found[(5, "得分")]
    assert "与第6行重复" in found[(7, "评审标准")]


def test_a_clean_workbook_fills_the_sheets_and_undoing_the_batch_clears_them(ez):
    rnd, nominations = _scoring_round(ez)
    criteria = ["税收贡献", "增长", "研发创新", "就业", "社会责任"]
    rows = [[ez.officer.username, e.uscc, c, "90.5"] for e in ez.enterprises[:3] for c in criteria]
    rows.append([ez.admin.username, ez.enterprises[0].uscc, "增长", "70"])
    ledger = declared("enterprise.award-scores")
    assert [t.key for t in ledger.targets(ez.admin)] == [str(rnd.pk)]
    assert ledger.targets(ez.officer) == []
    report, batch = import_run(
        ledger=ledger, actor=ez.admin, target=_target(rnd), data=xlsx_bytes(rows, HEADER), filename="评分.xlsx"
    )
    assert report.ok and batch is not None, report.errors
    sheet = AwardScore.objects.get(reviewer=ez.officer, nomination=nominations[0])
    assert sheet.decimals == [Decimal("90.50")] * 5
    partial = AwardScore.objects.get(reviewer=ez.admin, nomination=nominations[0])
    assert partial.decimals == [None, Decimal("70.00"), None, None, None]
    batch_void(batch=batch, actor=ez.admin, reason="重录")
    assert all(v is None for s in AwardScore.objects.all() for v in s.decimals)

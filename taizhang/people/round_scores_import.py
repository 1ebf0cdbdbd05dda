"""竞聘 scores from Excel (用户名, 岗位, 笔试, 面试, 民主测评) into a round that is taking scores, whole or nothing;
a blank cell leaves that score as it is. Undoing the batch clears the scores it entered (the trail keeps them)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.documents.importing import DEFAULT_READING, LedgerImportReport, Reading, open_for_import
from taizhang.documents.importing import cell_text as _text
from taizhang.documents.tabular import RowError
from taizhang.people import rounds
from taizhang.people.models import Application, Round
from taizhang.people.rules import rounds as rules

COLUMNS = ["用户名", "岗位", *rules.COMPONENTS]


def _score(value) -> tuple[Decimal | None, str]:
    text = _text(value)
    if not text:
        return None, ""
    try:
        score = Decimal(text)
    except InvalidOperation:
        return None, f"“{text[:20]}”不是分数"
    return score, rules.score_problem(score)


def round_scores_import(
    *, actor, rnd: Round, data, filename: str, dry_run: bool = False, reading: Reading = DEFAULT_READING, batch=None
) -> LedgerImportReport:
    report = LedgerImportReport(filename=filename, noun="人次")
    rnd = Round.objects.get(pk=rnd.pk)  # the target was chosen earlier: the round's step as it is now
    if rnd.status != Round.Status.OPEN:
        report.add(RowError(None, None, None, f"竞聘“{rnd.title}”当前为{rnd.get_status_display()}，不能录入成绩"))
        return report
    opened = open_for_import(report, data, filename, COLUMNS, reading=reading)
    if opened is None:
        return report
    table, index = opened
    applications = {
        (a.user.username, a.round_post.post.name): a
        for a in Application.objects.filter(round=rnd).select_related("user", "round_post__post")
    }
    scores: dict[int, tuple] = {}
    seen: dict[int, int] = {}
    for row_no, cells in table.rows:
        report.rows += 1
        key = (_text(cells[index["用户名"]]), _text(cells[index["岗位"]]))
        application = applications.get(key)
        if application is None:
            report.add(RowError(row_no, "用户名", key[0], f"{key[0] or '（空）'}没有报名本次竞聘的岗位“{key[1]}”"))
            continue
        if application.pk in seen:
            report.add(RowError(row_no, "用户名", key[0], f"与第{seen[application.pk]}行重复"))
            continue
        seen[application.pk] = row_no
        values = []
        for name, old in zip(rules.COMPONENTS, application.scores, strict=True):
            score, problem = _score(cells[index[name]])
            if problem:
                report.add(RowError(row_no, name, cells[index[name]], problem))
            values.append(old if score is None else score)
        scores[application.pk] = tuple(values)
        if tuple(values) == application.scores:
            report.unchanged += 1
        else:
            report.created += 1
    report.no_rows()
    if not report.ok or dry_run:
        return report
    rounds.scores_set(actor=actor, rnd=rnd, scores=scores, batch=batch)
    report.applied = True
    return report


@transaction.atomic
def round_scores_undo(*, batch, actor, reason: str) -> int:
    found = Application.objects.filter(unit_id=batch.unit_id, scores_batch=batch).select_related("round")
    if any(a.round.status != Round.Status.OPEN for a in found):
        raise ValidationError("竞聘已公示或已聘任，不能撤销这一批成绩")
    by_round: dict[Round, dict] = {}
    for application in found:
        by_round.setdefault(application.round, {})[application.pk] = (None, None, None)
    count = 0
    for rnd, cleared in by_round.items():
        count += rounds.scores_set(actor=actor, rnd=rnd, scores=cleared, reason=f"撤销导入批次 {batch.pk}：{reason}")
    Application.objects.filter(scores_batch=batch).update(scores_batch=None)
    return count

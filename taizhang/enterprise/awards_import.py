"""企业家奖励评分 from Excel, one row per reviewer, nomination and criterion (评审人 is the reviewer's 用户名, the
nomination is found by its enterprise's 统一社会信用代码), into a round under scoring, whole or nothing; criteria a
file leaves out keep their scores. Undoing the batch clears the sheets it entered (the trail keeps them)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.documents.importing import DEFAULT_READING, LedgerImportReport, Reading, open_for_import
from taizhang.documents.importing import cell_text as _text
from taizhang.documents.tabular import RowError
from taizhang.enterprise import awards
from taizhang.enterprise.models import AwardRound, AwardScore, Nomination
from taizhang.enterprise.rules import awards as rules

COLUMNS = ["评审人", "统一社会信用代码", "评审标准", "得分"]


def award_scores_import(
    *,
    actor,
    rnd: AwardRound,
    data,
    filename: str,
    dry_run: bool = False,
    reading: Reading = DEFAULT_READING,
    batch=None,
) -> LedgerImportReport:
    report = LedgerImportReport(filename=filename, noun="项评分")
    rnd = AwardRound.objects.get(pk=rnd.pk)
    if rnd.status != AwardRound.Status.SCORING:
        report.add(RowError(None, None, None, f"“{rnd.title}”当前为{rnd.get_status_display()}，不能录入评分"))
        return report
    opened = open_for_import(report, data, filename, COLUMNS, reading=reading)
    if opened is None:
        return report
    table, index = opened
    reviewers = {r.username: r for r in rnd.reviewers.all()}
    nominations = {
        n.enterprise.uscc: n
        for n in Nomination.objects.filter(round=rnd, withdrawn_at__isnull=True).select_related("enterprise")
    }
    criteria = [c.name for c in rnd.criteria_list]
    sheets = {
        (s.reviewer_id, s.nomination_id): list(s.values)
        for s in AwardScore.objects.filter(nomination__round=rnd, nomination__withdrawn_at__isnull=True)
    }
    changed: dict[tuple, list] = {}
    seen: dict[tuple, int] = {}
    for row_no, cells in table.rows:
        report.rows += 1
        username, uscc = _text(cells[index["评审人"]]), _text(cells[index["统一社会信用代码"]]).upper()
        criterion, raw = _text(cells[index["评审标准"]]), cells[index["得分"]]
        reviewer, nomination = reviewers.get(username), nominations.get(uscc)
        if reviewer is None:
            report.add(RowError(row_no, "评审人", username, f"{username or '（空）'}不是本次评选的评审人（填用户名）"))
        if nomination is None:
            report.add(RowError(row_no, "统一社会信用代码", uscc, "本次评选没有这家企业的有效提名"))
        if criterion not in criteria:
            report.add(RowError(row_no, "评审标准", criterion, f"评审标准应为{'、'.join(criteria)}之一"))
        try:
            score = rules.parse_score(raw)
            if score is None:
                report.add(RowError(row_no, "得分", raw, "得分不能为空"))
        except rules.AwardRefused as exc:
            report.add(RowError(row_no, "得分", raw, str(exc)))
            score = None
        if reviewer is None or nomination is None or criterion not in criteria or score is None:
            continue
        key = (reviewer.pk, nomination.pk, criterion)
        if key in seen:
            report.add(RowError(row_no, "评审标准", criterion, f"与第{seen[key]}行重复"))
            continue
        seen[key] = row_no
        sheet_key = (reviewer.pk, nomination.pk)
        values = changed.get(sheet_key) or list(sheets.get(sheet_key) or [None] * len(criteria))
        position = criteria.index(criterion)
        if values[position] is not None and rules.parse_score(values[position]) == score:
            report.unchanged += 1
        else:
            report.created += 1
        values[position] = str(score.quantize(rules.FEN))
        changed[sheet_key] = values
    report.no_rows()
    if not report.ok or dry_run:
        return report
    by_reviewer: dict[int, dict] = {}
    for (reviewer_id, nomination_id), values in changed.items():
        by_reviewer.setdefault(reviewer_id, {})[nomination_id] = [rules.parse_score(v) for v in values]
    users = {r.pk: r for r in reviewers.values()}
    with transaction.atomic():
        for reviewer_id, scores in by_reviewer.items():
            awards.scores_set(actor=actor, rnd=rnd, reviewer=users[reviewer_id], scores=scores, batch=batch)
    report.applied = True
    return report


@transaction.atomic
def award_scores_undo(*, batch, actor, reason: str) -> int:
    found = list(
        AwardScore.objects.filter(unit_id=batch.unit_id, import_batch=batch).select_related(
            "nomination__round", "reviewer"
        )
    )
    if any(s.nomination.round.status != AwardRound.Status.SCORING for s in found):
        raise ValidationError("评选已公示或已确定，不能撤销这一批评分")
    count = 0
    for sheet in found:
        rnd = sheet.nomination.round
        cleared = {sheet.nomination_id: [None] * len(rnd.criteria)}
        count += awards.scores_set(
            actor=actor, rnd=rnd, reviewer=sheet.reviewer, scores=cleared, reason=f"撤销导入批次 {batch.pk}：{reason}"
        )
    AwardScore.objects.filter(import_batch=batch).update(import_batch=None)
    return count

"""优秀企业家奖励, step by step. The unit admin opens a year's round (pool, criteria, tiers, reviewers, dates); the
zone's staff nominate entrepreneurs until the deadline (withdrawn with a reason); the admin starts scoring, which
locks the criteria; each reviewer scores each nomination; the admin previews the allocation and confirms it, which
publishes the 公示 for `publicity_days` days (withdrawn with a reason back to scoring); anyone of the unit may object
during the window and the admin answers; after the window, with no open objection, the admin confirms the round,
which creates the payments, and registers them paid. Every step is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.core import clock
from taizhang.enterprise import policies
from taizhang.enterprise.models import AwardObjection, AwardPayment, AwardRound, AwardScore, Enterprise, Nomination
from taizhang.enterprise.rules import awards as rules

S = AwardRound.Status
A = AuditEntry.Action


def _configure(actor, unit_id: int) -> None:
    if actor is not None and not policies.can_configure(actor, unit_id):
        raise PermissionDenied("只有本单位管理员可以设置和确定企业家奖励")


def _draft(obj, action: str, changes: dict, reason: str = "", *, kind: str, label: str) -> Draft:
    return Draft(
        action=action,
        object_type=f"enterprise.{kind}",
        object_id=str(obj.pk),
        object_repr=label,
        unit_id=obj.unit_id,
        changes=changes,
        reason=reason,
    )


def _round_draft(rnd: AwardRound, action: str, changes: dict, reason: str = "") -> Draft:
    return _draft(rnd, action, changes, reason, kind="award-round", label=f"企业家奖励 {rnd.title}")


def _nomination_draft(nomination: Nomination, action: str, changes: dict, reason: str = "") -> Draft:
    label = f"企业家提名 {nomination.entrepreneur}·{nomination.enterprise.name}"
    return _draft(nomination, action, changes, reason, kind="nomination", label=label)


def _locked(rnd: AwardRound) -> AwardRound:
    return AwardRound.objects.select_for_update().get(pk=rnd.pk)


def _status(rnd: AwardRound, *allowed: str) -> None:
    if rnd.status not in allowed:
        raise ValidationError(f"“{rnd.title}”当前为{rnd.get_status_display()}，不能进行这一步")


def _settings(criteria_text: str, tiers_text: str, pool: Decimal, reviewers, unit_id: int) -> tuple:
    try:
        criteria = rules.parse_criteria(criteria_text)
        tiers = rules.parse_tiers(tiers_text)
    except rules.AwardRefused as exc:
        raise ValidationError(str(exc)) from None
    if pool <= 0 or pool != pool.quantize(rules.FEN):
        raise ValidationError("奖励总额应大于 0，最多精确到分")
    if any(r.unit_id != unit_id or not r.is_active for r in reviewers):
        raise ValidationError("评审人须是本单位在用的账号")
    return [[c.name, c.weight] for c in criteria], [[t.name, t.places, t.shares] for t in tiers]


def _summary(rnd: AwardRound) -> dict:
    return {
        "奖励总额": str(rnd.pool),
        "评审标准": "、".join(f"{n} {w}" for n, w in rnd.criteria),
        "奖励等次": "、".join(f"{n}{p}名×{s}份" for n, p, s in rnd.tiers),
        "评审人": "、".join(sorted(u.full_name or u.username for u in rnd.reviewers.all())),
        "提名截止": str(rnd.nominations_until),
        "公示天数": rnd.publicity_days,
    }


@transaction.atomic
def round_create(
    *,
    actor,
    unit,
    year: int,
    title: str,
    nominations_until: date,
    reviewers,
    pool: Decimal = rules.DEFAULT_POOL,
    criteria_text: str = rules.DEFAULT_CRITERIA_TEXT,
    tiers_text: str = rules.DEFAULT_TIERS_TEXT,
    publicity_days: int = 5,
) -> AwardRound:
    _configure(actor, unit.pk)
    criteria, tiers = _settings(criteria_text, tiers_text, pool, reviewers, unit.pk)
    if AwardRound.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(f"{year} 年度的企业家奖励已经建立")
    if publicity_days < 1:
        raise ValidationError("公示天数至少为 1 天")
    rnd = AwardRound.objects.create(
        unit=unit,
        year=year,
        title=title,
        pool=pool,
        criteria=criteria,
        tiers=tiers,
        nominations_until=nominations_until,
        publicity_days=publicity_days,
        created_by=actor,
    )
    rnd.reviewers.set(reviewers)
    changes = {label: [None, value] for label, value in _summary(rnd).items()}
    audit_append([_round_draft(rnd, A.CREATE, changes)], actor=actor)
    return rnd


@transaction.atomic
def round_update(
    *,
    actor,
    rnd: AwardRound,
    title: str,
    pool: Decimal,
    criteria_text: str,
    tiers_text: str,
    reviewers,
    nominations_until: date,
    publicity_days: int,
) -> AwardRound:
    """The round's settings, while nominations are open (the criteria are published data until scoring starts)."""
    _configure(actor, rnd.unit_id)
    rnd = _locked(rnd)
    _status(rnd, S.OPEN)
    before = _summary(rnd)
    rnd.criteria, rnd.tiers = _settings(criteria_text, tiers_text, pool, reviewers, rnd.unit_id)
    if publicity_days < 1:
        raise ValidationError("公示天数至少为 1 天")
    rnd.title, rnd.pool, rnd.nominations_until, rnd.publicity_days = title, pool, nominations_until, publicity_days
    rnd.save()
    rnd.reviewers.set(reviewers)
    changes = field_changes(before, _summary(rnd))
    if changes:
        audit_append([_round_draft(rnd, A.UPDATE, changes)], actor=actor)
    return rnd


@transaction.atomic
def nomination_create(
    *, actor, rnd: AwardRound, enterprise: Enterprise, entrepreneur: str, post: str, nominated_by: str, material=None
) -> Nomination:
    if not policies.can_work(actor, rnd.unit_id):
        raise PermissionDenied("只有本单位工作人员可以提名")
    rnd = _locked(rnd)
    _status(rnd, S.OPEN)
    if clock.today() > rnd.nominations_until:
        raise ValidationError(f"提名已于 {rnd.nominations_until:%Y-%m-%d} 截止")
    if enterprise.unit_id != rnd.unit_id or enterprise.status != Enterprise.Status.ACTIVE:
        raise ValidationError("只能提名本单位在园企业的企业家")
    live = Nomination.objects.filter(round=rnd, enterprise=enterprise, withdrawn_at__isnull=True)
    if live.exists():
        raise ValidationError(f"“{enterprise.name}”已有本年度的提名")
    nomination = Nomination(
        unit_id=rnd.unit_id,
        round=rnd,
        enterprise=enterprise,
        entrepreneur=entrepreneur.strip(),
        post=post.strip(),
        nominated_by=nominated_by.strip(),
        created_by=actor,
    )
    if material:
        nomination.material = material
    nomination.save()
    changes = {"企业": [None, enterprise.name], "企业家": [None, f"{nomination.entrepreneur}（{nomination.post}）"]}
    changes["推荐"] = [None, nomination.nominated_by]
    if material:
        changes["推荐材料"] = [None, nomination.material.name.rsplit("/", 1)[-1]]
    audit_append([_nomination_draft(nomination, A.CREATE, changes)], actor=actor)
    return nomination


@transaction.atomic
def nomination_withdraw(*, actor, nomination: Nomination, reason: str) -> Nomination:
    if not policies.can_work(actor, nomination.unit_id):
        raise PermissionDenied("只有本单位工作人员可以撤回提名")
    if not reason.strip():
        raise ValidationError("请填写撤回原因")
    rnd = _locked(nomination.round)
    _status(rnd, S.OPEN, S.SCORING)
    nomination = Nomination.objects.select_related("enterprise").get(pk=nomination.pk)
    if nomination.withdrawn_at:
        raise ValidationError("该提名已撤回")
    nomination.withdrawn_at, nomination.withdraw_reason = clock.now(), reason.strip()
    nomination.save(update_fields=["withdrawn_at", "withdraw_reason"])
    audit_append([_nomination_draft(nomination, A.VOID, {"状态": ["有效", "已撤回"]}, reason)], actor=actor)
    return nomination


@transaction.atomic
def scoring_start(*, actor, rnd: AwardRound) -> AwardRound:
    _configure(actor, rnd.unit_id)
    rnd = _locked(rnd)
    _status(rnd, S.OPEN)
    if not rnd.reviewers.exists():
        raise ValidationError("请先指定评审人")
    if not rnd.nominations.filter(withdrawn_at__isnull=True).exists():
        raise ValidationError("还没有有效的提名")
    rnd.status = S.SCORING
    rnd.save(update_fields=["status"])
    audit_append([_round_draft(rnd, A.UPDATE, {"状态": ["提名中", "评审中"]}, "开始评审")], actor=actor)
    return rnd


def may_score(user, rnd: AwardRound, reviewer) -> bool:
    """A reviewer enters their own scores; the admin enters any reviewer's (from the paper sheets)."""
    return policies.can_configure(user, rnd.unit_id) or (user.pk == reviewer.pk and user.unit_id == rnd.unit_id)


@transaction.atomic
def scores_set(*, actor, rnd: AwardRound, reviewer, scores: dict[int, list], batch=None, reason: str = "") -> int:
    """A reviewer's scores by nomination id, one value per criterion (Decimal 0–100 or None). Returns how many
    nominations' sheets changed."""
    rnd = _locked(rnd)
    if actor is not None and not may_score(actor, rnd, reviewer):
        raise PermissionDenied("只有评审人本人或单位管理员可以录入评分")
    _status(rnd, S.SCORING)
    if not rnd.reviewers.filter(pk=reviewer.pk).exists():
        raise ValidationError(f"{reviewer.full_name or reviewer.username}不是本次评选的评审人")
    nominations = {
        n.pk: n
        for n in Nomination.objects.filter(round=rnd, pk__in=list(scores), withdrawn_at__isnull=True).select_related(
            "enterprise"
        )
    }
    sheets = {
        s.nomination_id: s for s in AwardScore.objects.filter(nomination__in=list(nominations), reviewer=reviewer)
    }
    names = [c.name for c in rnd.criteria_list]
    drafts = []
    for pk, values in scores.items():
        nomination = nominations.get(pk)
        if nomination is None:
            raise ValidationError("提名不在本次评选中或已撤回")
        if len(values) != len(names):
            raise ValidationError("评分的项数与评审标准不符")
        for value in values:
            problem = value is not None and rules.score_problem(Decimal(value))
            if problem:
                raise ValidationError(f"{nomination.entrepreneur}：{problem}")
        new = [None if v is None else str(Decimal(v).quantize(rules.FEN)) for v in values]
        sheet = sheets.get(pk) or AwardScore(unit_id=rnd.unit_id, nomination=nomination, reviewer=reviewer, values=[])
        old = sheet.values or [None] * len(names)
        changes = field_changes(dict(zip(names, old, strict=True)), dict(zip(names, new, strict=True)))
        if not changes:
            continue
        sheet.values = new
        if batch is not None:
            sheet.import_batch = batch
        sheet.save()
        label = f"企业家奖励评分 {nomination.entrepreneur}·{reviewer.full_name or reviewer.username}"
        action = A.IMPORT_UPDATE if batch is not None else A.UPDATE
        drafts.append(
            _draft(
                sheet,
                action,
                changes,
                reason or (f"导入批次 {batch.pk}" if batch else ""),
                kind="award-score",
                label=label,
            )
        )
    audit_append(drafts, actor=actor)
    return len(drafts)


@dataclass(frozen=True)
class Line:
    """A nomination in the preview: its score, rank and, within the places, tier and amount."""

    nomination: Nomination
    score: Decimal | None
    rank: int | None
    tier: str
    amount: Decimal | None


def missing_sheets(rnd: AwardRound, nominations, sheets) -> list[str]:
    """The reviewers who have not scored every nomination completely, as "姓名（n 份）"."""
    done: dict[int, int] = {}
    for sheet in sheets:
        if len(sheet.values) == len(rnd.criteria) and all(v not in (None, "") for v in sheet.values):
            done[sheet.reviewer_id] = done.get(sheet.reviewer_id, 0) + 1
    return [
        f"{r.full_name or r.username}（缺 {len(nominations) - done.get(r.pk, 0)} 份）"
        for r in rnd.reviewers.all().order_by("username")
        if done.get(r.pk, 0) < len(nominations)
    ]


def preview(rnd: AwardRound, nominations: list[Nomination], sheets: list[AwardScore]) -> list[Line]:
    """The ranking of the live nominations and what the pool gives the places, as it would be confirmed."""
    weights = rnd.weights
    by_nomination: dict[int, list] = {}
    for sheet in sheets:
        by_nomination.setdefault(sheet.nomination_id, []).append(sheet.decimals)
    scored, unscored = [], []
    for n in nominations:
        score = rules.nomination_score(by_nomination.get(n.pk, []), weights)
        if score is None:
            unscored.append(n)
        else:
            first = rules.first_criterion_mean(by_nomination[n.pk], weights)
            scored.append(rules.Candidate(n.pk, n.entrepreneur, score, first))
    ranked = rules.ranking(scored)
    amounts = rules.allocate(rnd.pool, rnd.tier_list, len(ranked))
    by_id = {n.pk: n for n in nominations}
    lines = []
    for i, c in enumerate(ranked):
        tier, amount = amounts[i] if i < len(amounts) else ("", None)
        lines.append(Line(by_id[c.key], c.score, i + 1, tier, amount))
    return lines + [Line(n, None, None, "", None) for n in unscored]


def _live(rnd: AwardRound) -> list[Nomination]:
    return list(
        Nomination.objects.filter(round=rnd, withdrawn_at__isnull=True).select_related("enterprise").order_by("id")
    )


def _sheets(rnd: AwardRound) -> list[AwardScore]:
    return list(AwardScore.objects.filter(nomination__round=rnd, nomination__withdrawn_at__isnull=True))


@transaction.atomic
def allocation_confirm(*, actor, rnd: AwardRound) -> AwardRound:
    """Fixes the ranking and amounts of the preview on the nominations and publishes them (公示) from today."""
    _configure(actor, rnd.unit_id)
    rnd = _locked(rnd)
    _status(rnd, S.SCORING)
    nominations, sheets = _live(rnd), _sheets(rnd)
    missing = missing_sheets(rnd, nominations, sheets)
    if missing:
        raise ValidationError("还有评审人未完成评分：" + "、".join(missing))
    lines = preview(rnd, nominations, sheets)
    for line in lines:
        n = line.nomination
        n.score, n.rank, n.tier, n.amount = line.score, line.rank, line.tier, line.amount
    Nomination.objects.bulk_update([line.nomination for line in lines], ["score", "rank", "tier", "amount"])
    today = clock.today()
    rnd.status, rnd.publicity_from, rnd.publicity_until = S.PUBLICITY, today, today + timedelta(days=rnd.publicity_days)
    rnd.save(update_fields=["status", "publicity_from", "publicity_until"])
    awarded = [line for line in lines if line.amount is not None]
    changes = {
        "状态": ["评审中", "公示中"],
        "获奖": [None, "、".join(f"{x.nomination.entrepreneur} {x.tier} {x.amount}" for x in awarded)],
        "合计（元）": [None, str(sum((x.amount for x in awarded), Decimal(0)))],
        "公示截止": [None, str(rnd.publicity_until)],
    }
    audit_append([_round_draft(rnd, A.UPDATE, changes, "确认分配并公示")], actor=actor)
    return rnd


@transaction.atomic
def allocation_withdraw(*, actor, rnd: AwardRound, reason: str) -> AwardRound:
    _configure(actor, rnd.unit_id)
    if not reason.strip():
        raise ValidationError("请填写撤回原因")
    rnd = _locked(rnd)
    _status(rnd, S.PUBLICITY)
    Nomination.objects.filter(round=rnd).update(score=None, rank=None, tier="", amount=None)
    rnd.status, rnd.publicity_from, rnd.publicity_until = S.SCORING, None, None
    rnd.save(update_fields=["status", "publicity_from", "publicity_until"])
    audit_append([_round_draft(rnd, A.UPDATE, {"状态": ["公示中", "评审中"]}, f"撤回分配：{reason}")], actor=actor)
    return rnd


def _objection_draft(objection: AwardObjection, rnd: AwardRound, changes: dict) -> Draft:
    return _draft(
        objection,
        A.CREATE if "异议" in changes else A.UPDATE,
        changes,
        kind="award-objection",
        label=f"企业家奖励公示异议 {rnd.title}",
    )


@transaction.atomic
def objection_file(*, actor, rnd: AwardRound, text: str, nomination: Nomination | None = None) -> AwardObjection:
    rnd = _locked(rnd)
    if actor.unit_id != rnd.unit_id:
        raise PermissionDenied("只有本单位人员可以对公示提出异议")
    _status(rnd, S.PUBLICITY)
    if clock.today() > rnd.publicity_until:
        raise ValidationError(f"公示已于 {rnd.publicity_until:%Y-%m-%d} 结束")
    if not text.strip():
        raise ValidationError("请填写异议内容")
    if nomination is not None:
        nomination = Nomination.objects.filter(pk=nomination.pk, round=rnd, amount__isnull=False).first()
        if nomination is None:
            raise ValidationError("只能针对本次公示的获奖企业家提出异议")
    objection = AwardObjection.objects.create(
        unit_id=rnd.unit_id, round=rnd, nomination=nomination, filed_by=actor, text=text.strip(), created_at=clock.now()
    )
    audit_append([_objection_draft(objection, rnd, {"异议": [None, objection.text]})], actor=actor)
    return objection


@transaction.atomic
def objection_answer(*, actor, objection: AwardObjection, answer: str) -> AwardObjection:
    _configure(actor, objection.unit_id)
    objection = AwardObjection.objects.select_for_update(of=("self",)).select_related("round").get(pk=objection.pk)
    if objection.status != AwardObjection.Status.OPEN:
        raise ValidationError("该异议已答复")
    if not answer.strip():
        raise ValidationError("请填写答复")
    objection.status, objection.answer = AwardObjection.Status.ANSWERED, answer.strip()
    objection.answered_by, objection.answered_at = actor, clock.now()
    objection.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    audit_append([_objection_draft(objection, objection.round, {"答复": [None, objection.answer]})], actor=actor)
    return objection


def confirm_blocker(rnd: AwardRound, today: date) -> str:
    if rnd.status != S.PUBLICITY:
        return "只有公示中的评选可以确定"
    if today <= rnd.publicity_until:
        return f"公示期至 {rnd.publicity_until:%Y-%m-%d}，期满后才能确定"
    open_count = AwardObjection.objects.filter(round=rnd, status=AwardObjection.Status.OPEN).count()
    if open_count:
        return f"还有 {open_count} 条异议未答复"
    return ""


@transaction.atomic
def round_confirm(*, actor, rnd: AwardRound) -> list[AwardPayment]:
    """Confirms the awards after the 公示 and creates one payment record per awardee."""
    _configure(actor, rnd.unit_id)
    rnd = _locked(rnd)
    blocker = confirm_blocker(rnd, clock.today())
    if blocker:
        raise ValidationError(blocker)
    awarded = Nomination.objects.filter(round=rnd, withdrawn_at__isnull=True, amount__isnull=False).order_by("rank")
    payments = AwardPayment.objects.bulk_create(
        [AwardPayment(unit_id=rnd.unit_id, round=rnd, nomination=n, amount=n.amount) for n in awarded]
    )
    rnd.status, rnd.confirmed_at = S.CONFIRMED, clock.now()
    rnd.save(update_fields=["status", "confirmed_at"])
    total = sum((p.amount for p in payments), Decimal(0))
    changes = {"状态": ["公示中", "已确定"], "待支付": [None, f"{len(payments)} 笔，{total} 元"]}
    audit_append([_round_draft(rnd, A.UPDATE, changes, "公示期满，确定奖励")], actor=actor)
    return payments


@transaction.atomic
def payments_pay(*, actor, rnd: AwardRound, paid_on: date) -> int:
    """Registers the round's unpaid awards as paid on `paid_on`."""
    _configure(actor, rnd.unit_id)
    rnd = _locked(rnd)
    _status(rnd, S.CONFIRMED)
    if paid_on > clock.today():
        raise ValidationError("支付日期不能晚于今天")
    unpaid = list(AwardPayment.objects.filter(round=rnd, paid_on__isnull=True).select_related("nomination__enterprise"))
    drafts = []
    for payment in unpaid:
        payment.paid_on, payment.paid_by = paid_on, actor
        label = f"企业家奖励支付 {payment.nomination.entrepreneur}·{payment.nomination.enterprise.name}"
        drafts.append(
            _draft(
                payment, A.UPDATE, {"支付": [None, f"{payment.amount} 元 {paid_on}"]}, kind="award-payment", label=label
            )
        )
    AwardPayment.objects.bulk_update(unpaid, ["paid_on", "paid_by"])
    audit_append(drafts, actor=actor)
    return len(unpaid)

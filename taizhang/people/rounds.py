"""竞聘上岗 (competitive appointment), step by step: the committee sets up a round and publishes it; staff of the unit
apply (at most `max_posts` posts each); the committee enters the component scores; it proposes the appointees (by
default the top `openings` of each post's ranking), publishes them for `publicity_days` days (公示, withdrawable
with a reason); anyone of the unit may object during the window and the committee answers; after the window, with
no open objection, it confirms, which creates the contracts in one transaction. Every step is audited."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.core import clock
from taizhang.org.models import OrgNode, User
from taizhang.people import contracts, policies
from taizhang.people.models import Application, Contract, Post, Round, RoundObjection, RoundPost
from taizhang.people.rules import posts as post_rules
from taizhang.people.rules import rounds as rules

S = Round.Status


def _check(actor, unit_id: int) -> None:
    if actor is not None and not policies.can_manage(actor, unit_id):
        raise PermissionDenied("只有本单位考核委员会委员或单位管理员可以组织竞聘")


def _draft(rnd: Round, action: str, changes: dict, reason: str = "", object_type: str = "people.round", **kw) -> Draft:
    return Draft(
        action=action,
        object_type=object_type,
        object_id=kw.get("object_id", str(rnd.pk)),
        object_repr=kw.get("object_repr", f"竞聘 {rnd.title}"),
        unit_id=rnd.unit_id,
        changes=changes,
        reason=reason,
    )


def _locked(rnd: Round) -> Round:
    return Round.objects.select_for_update().get(pk=rnd.pk)


def _status(rnd: Round, *allowed: str) -> None:
    if rnd.status not in allowed:
        raise ValidationError(f"竞聘“{rnd.title}”当前为{rnd.get_status_display()}，不能进行这一步")


@transaction.atomic
def round_create(
    *,
    actor,
    unit: OrgNode,
    title: str,
    posts: dict[Post, int],
    apply_from: date,
    apply_until: date,
    term_starts_on: date,
    term_ends_on: date,
    shares: list[Decimal],
    max_posts: int = 2,
    weights: tuple = rules.DEFAULT_WEIGHTS,
    publicity_days: int = 5,
) -> Round:
    _check(actor, unit.pk)
    problems = []
    if not posts:
        problems.append("请至少选择一个竞聘岗位")
    if any(p.unit_id != unit.pk or not p.is_active for p in posts):
        problems.append("竞聘岗位须是本单位在用的岗位")
    if any(n < 1 for n in posts.values()):
        problems.append("每个岗位的拟聘人数至少为 1")
    if apply_until < apply_from:
        problems.append("报名截止日期不能早于报名开始日期")
    if term_starts_on <= apply_until:
        problems.append("聘期开始日期应晚于报名截止日期")
    problem = rules.weights_problem([Decimal(w) for w in weights])
    if problem:
        problems.append(problem)
    if max_posts < 1:
        problems.append("每人最多报名岗位数至少为 1")
    problems += post_rules.contract_problems(
        starts_on=term_starts_on, ends_on=term_ends_on, shares=shares, probation_months=0, monthly_pay=Decimal(1)
    )
    if problems:
        raise ValidationError(problems)
    rnd = Round.objects.create(
        unit=unit,
        title=title,
        max_posts=max_posts,
        written_weight=weights[0],
        interview_weight=weights[1],
        democratic_weight=weights[2],
        apply_from=apply_from,
        apply_until=apply_until,
        term_starts_on=term_starts_on,
        term_ends_on=term_ends_on,
        performance_shares=[post_rules.share_str(s) for s in shares],
        publicity_days=publicity_days,
        created_by=actor,
    )
    RoundPost.objects.bulk_create([RoundPost(unit=unit, round=rnd, post=post, openings=n) for post, n in posts.items()])
    changes = {
        "竞聘名称": [None, title],
        "岗位": [None, "、".join(f"{p.name}×{n}" for p, n in posts.items())],
        "报名时间": [None, f"{apply_from} 至 {apply_until}"],
        "权重": [None, "/".join(str(w) for w in weights)],
    }
    audit_append([_draft(rnd, AuditEntry.Action.CREATE, changes)], actor=actor)
    return rnd


@transaction.atomic
def round_publish(*, actor, rnd: Round) -> Round:
    _check(actor, rnd.unit_id)
    rnd = _locked(rnd)
    _status(rnd, S.DRAFT)
    rnd.status = S.OPEN
    rnd.save(update_fields=["status"])
    audit_append([_draft(rnd, AuditEntry.Action.UPDATE, {"状态": ["草稿", "报名与评分"]}, "发布竞聘")], actor=actor)
    return rnd


@transaction.atomic
def applications_set(*, actor: User, rnd: Round, round_posts: list[RoundPost]) -> list[Application]:
    """The actor's applications in the round: exactly the posts chosen (at most `max_posts`), during the window."""
    rnd = _locked(rnd)
    if actor.unit_id != rnd.unit_id or not actor.is_active:
        raise PermissionDenied("只有本单位人员可以报名")
    _status(rnd, S.OPEN)
    today = clock.today()
    if not rnd.apply_from <= today <= rnd.apply_until:
        raise ValidationError(f"报名时间为 {rnd.apply_from:%Y-%m-%d} 至 {rnd.apply_until:%Y-%m-%d}")
    if any(rp.round_id != rnd.pk for rp in round_posts):
        raise ValidationError("所选岗位不在本次竞聘中")
    problem = rules.applications_problem(len(set(round_posts)), rnd.max_posts)
    if problem:
        raise ValidationError(problem)
    mine = Application.objects.filter(round=rnd, user=actor)
    if mine.exclude(written=None, interview=None, democratic=None).exists():
        raise ValidationError("已开始评分，不能再修改报名")
    before = sorted(mine.values_list("round_post__post__name", flat=True))
    mine.delete()
    created = Application.objects.bulk_create(
        [Application(unit_id=rnd.unit_id, round=rnd, round_post=rp, user=actor) for rp in set(round_posts)]
    )
    after = sorted(rp.post.name for rp in set(round_posts))
    audit_append(
        [
            _draft(
                rnd,
                AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
                {"报名岗位": ["、".join(before) or None, "、".join(after)]},
                object_type="people.application",
                object_repr=f"竞聘报名 {actor.full_name or actor.username}·{rnd.title}",
            )
        ],
        actor=actor,
    )
    return created


def _score_changes(application: Application, scores: tuple) -> dict:
    return field_changes(
        dict(zip(rules.COMPONENTS, application.scores, strict=True)), dict(zip(rules.COMPONENTS, scores, strict=True))
    )


@transaction.atomic
def scores_set(*, actor, rnd: Round, scores: dict[int, tuple], batch=None, reason: str = "") -> int:
    """Component scores by application id: (笔试, 面试, 民主测评), each 0–100 or None. Returns how many changed."""
    _check(actor, rnd.unit_id)
    rnd = _locked(rnd)
    _status(rnd, S.OPEN)
    applications = {
        a.pk: a
        for a in Application.objects.filter(round=rnd, pk__in=list(scores)).select_related("user", "round_post__post")
    }
    drafts = []
    for pk, values in scores.items():
        application = applications.get(pk)
        if application is None:
            raise ValidationError("报名记录不在本次竞聘中")
        for value in values:
            problem = value is not None and rules.score_problem(Decimal(value))
            if problem:
                raise ValidationError(f"{application.user.full_name}：{problem}")
        changes = _score_changes(application, values)
        if not changes:
            continue
        application.written, application.interview, application.democratic = values
        application.scores_batch = batch if batch is not None else application.scores_batch
        application.save(update_fields=["written", "interview", "democratic", "scores_batch"])
        drafts.append(
            _draft(
                rnd,
                AuditEntry.Action.IMPORT_UPDATE if batch is not None else AuditEntry.Action.UPDATE,
                changes,
                reason or (f"导入批次 {batch.pk}" if batch is not None else ""),
                object_type="people.application",
                object_id=str(application.pk),
                object_repr=f"竞聘成绩 {application.user.full_name}·{application.round_post.post.name}",
            )
        )
    audit_append(drafts, actor=actor)
    return len(drafts)


def candidates(round_post: RoundPost, applications) -> list[rules.Candidate]:
    return [
        rules.Candidate(a.pk, a.user.full_name or a.user.username, a.user.username, a.scores)
        for a in applications
        if a.round_post_id == round_post.pk
    ]


def default_proposal(rnd: Round, round_posts, applications) -> set[int]:
    """The applications proposed by default: the top `openings` of each post, a person at most once."""
    taken: set[int] = set()
    chosen: set[int] = set()
    by_id = {a.pk: a for a in applications}
    for rp in round_posts:
        for entry in rules.proposed_by_default(rules.ranking(candidates(rp, applications), rnd.weights), rp.openings):
            person = by_id[entry.candidate.key].user_id
            if person in taken:
                continue
            taken.add(person)
            chosen.add(entry.candidate.key)
    return chosen


@transaction.atomic
def publicity_start(*, actor, rnd: Round, proposed_ids: set[int]) -> Round:
    """Proposes the appointees and publishes them (公示) from today for `publicity_days` days."""
    _check(actor, rnd.unit_id)
    rnd = _locked(rnd)
    _status(rnd, S.OPEN)
    applications = list(Application.objects.filter(round=rnd).select_related("user", "round_post__post"))
    by_id = {a.pk: a for a in applications}
    if not proposed_ids or any(pk not in by_id for pk in proposed_ids):
        raise ValidationError("请从本次竞聘的报名人中选择拟聘人员")
    chosen = [by_id[pk] for pk in proposed_ids]
    if any(None in a.scores for a in chosen):
        raise ValidationError("拟聘人员须有完整的笔试、面试、民主测评成绩")
    people = [a.user_id for a in chosen]
    if len(people) != len(set(people)):
        raise ValidationError("同一人只能拟聘到一个岗位")
    per_post: dict[int, int] = {}
    for a in chosen:
        per_post[a.round_post_id] = per_post.get(a.round_post_id, 0) + 1
    for rp in RoundPost.objects.filter(round=rnd).select_related("post"):
        if per_post.get(rp.pk, 0) > rp.openings:
            raise ValidationError(f"岗位“{rp.post.name}”拟聘 {rp.openings} 人，选择了 {per_post[rp.pk]} 人")
    Application.objects.filter(round=rnd).update(proposed=False)
    Application.objects.filter(pk__in=proposed_ids).update(proposed=True)
    today = clock.today()
    rnd.status, rnd.publicity_from = S.PUBLICITY, today
    rnd.publicity_until = today + timedelta(days=rnd.publicity_days)
    rnd.save(update_fields=["status", "publicity_from", "publicity_until"])
    names = "、".join(f"{a.user.full_name}（{a.round_post.post.name}）" for a in sorted(chosen, key=lambda a: a.pk))
    changes = {"状态": ["报名与评分", "公示中"], "拟聘人员": [None, names], "公示截止": [None, rnd.publicity_until]}
    audit_append([_draft(rnd, AuditEntry.Action.UPDATE, changes, "公示拟聘人员")], actor=actor)
    return rnd


@transaction.atomic
def publicity_withdraw(*, actor, rnd: Round, reason: str) -> Round:
    _check(actor, rnd.unit_id)
    rnd = _locked(rnd)
    _status(rnd, S.PUBLICITY)
    rnd.status, rnd.publicity_from, rnd.publicity_until = S.OPEN, None, None
    rnd.save(update_fields=["status", "publicity_from", "publicity_until"])
    Application.objects.filter(round=rnd).update(proposed=False)
    audit_append(
        [_draft(rnd, AuditEntry.Action.UPDATE, {"状态": ["公示中", "报名与评分"]}, f"撤回公示：{reason}")], actor=actor
    )
    return rnd


@transaction.atomic
def objection_file(*, actor: User, rnd: Round, text: str, application: Application | None = None) -> RoundObjection:
    rnd = _locked(rnd)
    if actor.unit_id != rnd.unit_id:
        raise PermissionDenied("只有本单位人员可以对公示提出异议")
    _status(rnd, S.PUBLICITY)
    if clock.today() > rnd.publicity_until:
        raise ValidationError(f"公示已于 {rnd.publicity_until:%Y-%m-%d} 结束")
    if application is not None and (application.round_id != rnd.pk or not application.proposed):
        raise ValidationError("只能针对本次公示的拟聘人员提出异议")
    objection = RoundObjection.objects.create(
        unit_id=rnd.unit_id, round=rnd, application=application, filed_by=actor, text=text, created_at=clock.now()
    )
    audit_append(
        [
            _draft(
                rnd,
                AuditEntry.Action.CREATE,
                {"异议": [None, text]},
                object_type="people.round-objection",
                object_id=str(objection.pk),
                object_repr=f"竞聘公示异议 {rnd.title}",
            )
        ],
        actor=actor,
    )
    return objection


@transaction.atomic
def objection_answer(*, actor, objection: RoundObjection, answer: str) -> RoundObjection:
    _check(actor, objection.unit_id)
    objection = RoundObjection.objects.select_for_update().select_related("round").get(pk=objection.pk)
    if objection.status != RoundObjection.Status.OPEN:
        raise ValidationError("该异议已答复")
    objection.status, objection.answer = RoundObjection.Status.ANSWERED, answer
    objection.answered_by, objection.answered_at = actor, clock.now()
    objection.save(update_fields=["status", "answer", "answered_by", "answered_at"])
    audit_append(
        [
            _draft(
                objection.round,
                AuditEntry.Action.UPDATE,
                {"答复": [None, answer]},
                object_type="people.round-objection",
                object_id=str(objection.pk),
                object_repr=f"竞聘公示异议 {objection.round.title}",
            )
        ],
        actor=actor,
    )
    return objection


def confirm_blocker(rnd: Round, today: date) -> str:
    if rnd.status != S.PUBLICITY:
        return "只有公示中的竞聘可以确认聘任"
    if today <= rnd.publicity_until:
        return f"公示期至 {rnd.publicity_until:%Y-%m-%d}，期满后才能确认聘任"
    open_count = RoundObjection.objects.filter(round=rnd, status=RoundObjection.Status.OPEN).count()
    if open_count:
        return f"还有 {open_count} 条异议未答复"
    return ""


@transaction.atomic
def round_confirm(*, actor, rnd: Round) -> list[Contract]:
    """The contracts of the appointees, all at once. An appointee's active contract overlapping the new term ends
    the day before it, as 已续聘 (改聘), and the new contract is `renewal_of` it."""
    _check(actor, rnd.unit_id)
    rnd = _locked(rnd)
    blocker = confirm_blocker(rnd, clock.today())
    if blocker:
        raise ValidationError(blocker)
    created = []
    drafts = []
    reason = f"竞聘上岗：{rnd.title}"
    proposed = Application.objects.filter(round=rnd, proposed=True).select_related("user", "round_post__post")
    for application in proposed.order_by("id"):
        post = Post.objects.select_related("department").get(pk=application.round_post.post_id)
        old = contracts.overlapping(application.user_id, rnd.term_starts_on, rnd.term_ends_on).first()
        if old is not None:
            if old.starts_on >= rnd.term_starts_on:
                raise ValidationError(f"{application.user.full_name}的现有合同晚于新聘期开始，请先处理该合同")
            old.status, old.ends_on = Contract.Status.RENEWED, rnd.term_starts_on - timedelta(days=1)
            old.end_reason = f"{reason}（改聘）"
            old.save(update_fields=["status", "ends_on", "end_reason"])
            drafts.append(
                contracts.audit_draft(old, AuditEntry.Action.UPDATE, {"状态": ["在聘", "已续聘"]}, old.end_reason)
            )
        contract = contracts.contract_create(
            actor=actor,
            user=application.user,
            post=post,
            starts_on=rnd.term_starts_on,
            ends_on=rnd.term_ends_on,
            monthly_pay=post.monthly_pay,
            shares=rnd.performance_shares,
            reason=reason,
        )
        if old is not None:
            contract.renewal_of = old
            contract.save(update_fields=["renewal_of"])
        application.contract = contract
        application.save(update_fields=["contract"])
        created.append(contract)
    rnd.status, rnd.confirmed_at = S.CONFIRMED, clock.now()
    rnd.save(update_fields=["status", "confirmed_at"])
    drafts.append(
        _draft(
            rnd, AuditEntry.Action.UPDATE, {"状态": ["公示中", "已聘任"], "聘任人数": [None, len(created)]}, "确认聘任"
        )
    )
    audit_append(drafts, actor=actor)
    return created

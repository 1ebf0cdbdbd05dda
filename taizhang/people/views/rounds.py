"""竞聘上岗 pages: the rounds, one round (posts, rankings, 公示 and objections), and each step on its own page:
create, publish, apply, enter scores, propose and publish the appointees, withdraw the 公示, object, answer,
confirm (which creates the contracts)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.core import clock
from taizhang.core.http import require
from taizhang.core.listing import paginate
from taizhang.core.pages import refusal, void_page
from taizhang.people import policies, rounds, selectors_rounds
from taizhang.people.forms_rounds import AnswerForm, ApplyForm, ObjectionForm, RoundForm, ScoresForm
from taizhang.people.models import Application, Post, Round, RoundPost

S = Round.Status


def _manager(request, unit_id: int | None = None) -> None:
    require(
        policies.can_manage(request.user, unit_id) and bool(request.user.unit_id),
        "只有本单位考核委员会委员或单位管理员可以组织竞聘",
    )


def _back(rnd: Round) -> HttpResponse:
    return redirect("people:round_detail", rnd.pk)


def _wrong_step(request, rnd: Round, *allowed: str) -> HttpResponse | None:
    if rnd.status in allowed:
        return None
    messages.error(request, f"竞聘当前为{rnd.get_status_display()}，不能进行这一步")
    return _back(rnd)


def _step(request, round_id: int, *allowed: str) -> tuple[Round, HttpResponse | None]:
    """A committee step's round, and the way back when the round is not at that step."""
    rnd = selectors_rounds.round_or_404(request.user, round_id)
    _manager(request, rnd.unit_id)
    return rnd, _wrong_step(request, rnd, *allowed)


def round_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors_rounds.round_list(request.user))
    manages = policies.can_manage(request.user) and bool(request.user.unit_id)
    return render(request, "people/rounds_list.html", {"page": page, "manages": manages})


def round_create(request: HttpRequest) -> HttpResponse:
    _manager(request)
    posts = Post.objects.filter(unit_id=request.user.unit_id, is_active=True).select_related("department")
    form = RoundForm(request.POST or None, posts=posts.order_by("department__sort_order", "department_id", "name"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rnd = rounds.round_create(
                actor=request.user,
                unit=request.user.unit,
                title=data["title"],
                posts=data["posts"],
                apply_from=data["apply_from"],
                apply_until=data["apply_until"],
                term_starts_on=data["term_starts_on"],
                term_ends_on=data["term_ends_on"],
                shares=data["shares"],
                max_posts=data["max_posts"],
                weights=(data["written_weight"], data["interview_weight"], data["democratic_weight"]),
                publicity_days=data["publicity_days"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "已新建竞聘（草稿），核对后发布。")
            return _back(rnd)
    return render(request, "people/rounds_form.html", {"form": form, "title": "新建竞聘上岗"})


def round_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    rnd = selectors_rounds.round_or_404(request.user, round_id)
    user = request.user
    everyone = policies.reads_everyone(user)
    round_posts = selectors_rounds.round_posts(rnd)
    applications = selectors_rounds.applications(rnd)
    today = clock.today()
    context = {
        "round": rnd,
        "round_posts": round_posts,
        "everyone": everyone,
        "manages": policies.can_manage(user, rnd.unit_id),
        "mine": [a for a in applications if a.user_id == user.pk],
        "may_apply": rnd.status == S.OPEN
        and rnd.apply_from <= today <= rnd.apply_until
        and user.unit_id == rnd.unit_id,
        "proposed": [a for a in applications if a.proposed],
        "objections": selectors_rounds.objections(rnd, user),
        "may_object": rnd.status == S.PUBLICITY and today <= rnd.publicity_until and user.unit_id == rnd.unit_id,
        "confirm_blocker": rounds.confirm_blocker(rnd, today),
        "applicant_count": len({a.user_id for a in applications}),
    }
    if everyone:
        context["rankings"] = selectors_rounds.rankings(rnd, round_posts, applications)
    return render(request, "people/rounds_detail.html", context)


def _confirm_step(request, rnd: Round, *, title: str, explain: str, rows, act, done: str) -> HttpResponse:
    if request.method == "POST":
        try:
            act()
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, done)
        return _back(rnd)
    return render(request, "confirm.html", {"title": title, "explain": explain, "rows": rows})


def round_publish(request: HttpRequest, round_id: int) -> HttpResponse:
    rnd, wrong = _step(request, round_id, S.DRAFT)
    if wrong:
        return wrong
    rows = [
        f"{rp.post.department.name} · {rp.post.name}：拟聘 {rp.openings} 人" for rp in selectors_rounds.round_posts(rnd)
    ]
    return _confirm_step(
        request,
        rnd,
        title=f"发布竞聘：{rnd.title}",
        explain=f"发布后本单位人员可在 {rnd.apply_from:%Y-%m-%d} 至 {rnd.apply_until:%Y-%m-%d} 报名，每人最多 {rnd.max_posts} 个岗位。",
        rows=rows,
        act=lambda: rounds.round_publish(actor=request.user, rnd=rnd),
        done="已发布竞聘。",
    )


def round_apply(request: HttpRequest, round_id: int) -> HttpResponse:
    rnd = selectors_rounds.round_or_404(request.user, round_id)
    require(request.user.unit_id == rnd.unit_id, "只有本单位人员可以报名")
    wrong = _wrong_step(request, rnd, S.OPEN)
    if wrong:
        return wrong
    offered = RoundPost.objects.filter(round=rnd).select_related("post__department")
    mine = [a.round_post_id for a in selectors_rounds.my_applications(rnd, request.user)]
    form = ApplyForm(
        request.POST if request.method == "POST" else None, round_posts=offered, initial={"round_posts": mine}
    )
    if request.method == "POST" and form.is_valid():
        try:
            rounds.applications_set(actor=request.user, rnd=rnd, round_posts=list(form.cleaned_data["round_posts"]))
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "已报名。")
            return _back(rnd)
    return render(request, "people/rounds_apply.html", {"form": form, "round": rnd})


def round_scores(request: HttpRequest, round_id: int) -> HttpResponse:
    rnd, wrong = _step(request, round_id, S.OPEN)
    if wrong:
        return wrong
    applications = selectors_rounds.applications(rnd)
    form = ScoresForm(request.POST or None, applications=applications)
    if request.method == "POST" and form.is_valid():
        try:
            changed = rounds.scores_set(actor=request.user, rnd=rnd, scores=form.scores())
        except ValidationError as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, f"已保存 {changed} 人次的成绩。")
            return _back(rnd)
    return render(request, "people/rounds_scores.html", {"form": form, "round": rnd})


def round_propose(request: HttpRequest, round_id: int) -> HttpResponse:
    rnd, wrong = _step(request, round_id, S.OPEN)
    if wrong:
        return wrong
    round_posts = selectors_rounds.round_posts(rnd)
    applications = selectors_rounds.applications(rnd)
    if request.method == "POST":
        chosen = {int(pk) for pk in request.POST.getlist("proposed") if pk.isdigit()}
        try:
            rounds.publicity_start(actor=request.user, rnd=rnd, proposed_ids=chosen)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, f"已公示拟聘人员，公示 {rnd.publicity_days} 天。")
            return _back(rnd)
    else:
        chosen = rounds.default_proposal(rnd, round_posts, applications)
    context = {
        "round": rnd,
        "rankings": selectors_rounds.rankings(rnd, round_posts, applications),
        "chosen": chosen,
    }
    return render(request, "people/rounds_propose.html", context)


def publicity_withdraw(request: HttpRequest, round_id: int) -> HttpResponse:
    rnd, wrong = _step(request, round_id, S.PUBLICITY)
    if wrong:
        return wrong
    return void_page(
        request,
        title=f"撤回公示：{rnd.title}",
        void=lambda reason: rounds.publicity_withdraw(actor=request.user, rnd=rnd, reason=reason),
        done_message="已撤回公示，可重新评分和拟聘。",
        done_url=f"/people/rounds/{rnd.pk}/",
        template="confirm.html",
        context={"explain": "撤回后拟聘名单作废，竞聘回到报名与评分阶段；撤回和原因记入变更记录。"},
    )


def objection_create(request: HttpRequest, round_id: int) -> HttpResponse:
    rnd = selectors_rounds.round_or_404(request.user, round_id)
    require(request.user.unit_id == rnd.unit_id, "只有本单位人员可以提出异议")
    wrong = _wrong_step(request, rnd, S.PUBLICITY)
    if wrong:
        return wrong
    proposed = Application.objects.filter(round=rnd, proposed=True).select_related("user", "round_post__post")
    form = ObjectionForm(request.POST or None, proposed=proposed)
    if request.method == "POST" and form.is_valid():
        try:
            rounds.objection_file(actor=request.user, rnd=rnd, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "已提出异议，考核委员会将答复。")
            return _back(rnd)
    return render(request, "people/rounds_form.html", {"form": form, "title": f"对公示提出异议：{rnd.title}"})


def objection_answer(request: HttpRequest, round_objection_id: int) -> HttpResponse:
    objection = selectors_rounds.objection_or_404(request.user, round_objection_id)
    _manager(request, objection.unit_id)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rounds.objection_answer(actor=request.user, objection=objection, answer=form.cleaned_data["answer"])
        except ValidationError as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "已答复异议。")
            return _back(objection.round)
    return render(
        request,
        "people/rounds_form.html",
        {"form": form, "title": "答复异议", "quote": f"{objection.filed_by.full_name}：{objection.text}"},
    )


def round_confirm(request: HttpRequest, round_id: int) -> HttpResponse:
    rnd = selectors_rounds.round_or_404(request.user, round_id)
    _manager(request, rnd.unit_id)
    blocker = rounds.confirm_blocker(rnd, clock.today())
    if blocker:
        messages.error(request, blocker)
        return _back(rnd)
    proposed = Application.objects.filter(round=rnd, proposed=True).select_related("user", "round_post__post")
    return _confirm_step(
        request,
        rnd,
        title=f"确认聘任：{rnd.title}",
        explain=(
            f"确认后为下列人员签订聘任合同（聘期 {rnd.term_starts_on:%Y-%m-%d} 至 {rnd.term_ends_on:%Y-%m-%d}）；"
            "已有在聘合同的，原合同于新聘期开始前一日改聘终止。"
        ),
        rows=[f"{a.user.full_name}：{a.round_post.post.department.name} · {a.round_post.post.name}" for a in proposed],
        act=lambda: rounds.round_confirm(actor=request.user, rnd=rnd),
        done="已确认聘任，聘任合同已生成。",
    )

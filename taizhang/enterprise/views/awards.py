"""优秀企业家奖励 pages: the rounds, one round (settings, nominations, scoring progress, each step's button), and the
steps: create and edit the round, nominate, withdraw a nomination, start scoring, a reviewer's score sheet, the
allocation preview and its confirmation, withdrawing it, the 公示 with its objections and PDF, answering,
confirming after the window, registering the payments."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from taizhang.core import clock
from taizhang.core.http import download, require
from taizhang.core.listing import paginate
from taizhang.core.pages import refusal, void_page
from taizhang.documents.pdf import render_pdf
from taizhang.enterprise import awards, policies
from taizhang.enterprise import selectors_awards as selectors
from taizhang.enterprise.forms_awards import AnswerForm, NominationForm, ObjectionForm, PaidForm, RoundForm, ScoresForm
from taizhang.enterprise.models import AwardRound, Enterprise
from taizhang.enterprise.rules import awards as rules
from taizhang.org.models import User

S = AwardRound.Status
PDF = "application/pdf"


def _back(rnd: AwardRound) -> HttpResponse:
    return redirect("enterprise:award_round_detail", rnd.pk)


def _configurer(request, rnd: AwardRound | None = None) -> None:
    require(
        policies.can_configure(request.user, rnd.unit_id if rnd else None) and bool(request.user.unit_id),
        "只有本单位管理员可以设置和确定企业家奖励",
    )


def _users(unit_id: int):
    return User.objects.filter(unit_id=unit_id, is_active=True).order_by("username")


def round_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.round_list(request.user))
    configures = policies.can_configure(request.user) and bool(request.user.unit_id)
    return render(request, "enterprise/awards_list.html", {"page": page, "configures": configures})


def _round_form(request, rnd: AwardRound | None) -> HttpResponse:
    unit_id = rnd.unit_id if rnd else request.user.unit_id
    initial = {}
    if rnd is not None:
        initial = {
            "year": rnd.year,
            "title": rnd.title,
            "pool": rnd.pool,
            "criteria_text": rules.criteria_text(rnd.criteria_list),
            "tiers_text": rules.tiers_text(rnd.tier_list),
            "reviewers": list(rnd.reviewers.all()),
            "nominations_until": rnd.nominations_until,
            "publicity_days": rnd.publicity_days,
        }
    form = RoundForm(request.POST or None, users=_users(unit_id), initial=initial)
    if rnd is not None:
        form.fields["year"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        settings = {k: data[k] for k in ("title", "pool", "criteria_text", "tiers_text", "nominations_until")}
        settings.update(reviewers=list(data["reviewers"]), publicity_days=data["publicity_days"])
        try:
            if rnd is None:
                rnd = awards.round_create(actor=request.user, unit=request.user.unit, year=data["year"], **settings)
            else:
                rnd = awards.round_update(actor=request.user, rnd=rnd, **settings)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "已保存企业家奖励的设置。")
            return _back(rnd)
    title = "新建企业家奖励" if rnd is None else f"修改设置：{rnd.title}"
    return render(request, "enterprise/awards_form.html", {"form": form, "title": title, "round": rnd})


def round_create(request: HttpRequest) -> HttpResponse:
    _configurer(request)
    return _round_form(request, None)


def round_edit(request: HttpRequest, award_round_id: int) -> HttpResponse:
    rnd = selectors.round_or_404(request.user, award_round_id)
    _configurer(request, rnd)
    if rnd.status != S.OPEN:
        messages.error(request, "开始评审后评审标准和奖励设置不能再修改")
        return _back(rnd)
    return _round_form(request, rnd)


def round_detail(request: HttpRequest, award_round_id: int) -> HttpResponse:
    rnd = selectors.round_or_404(request.user, award_round_id)
    user = request.user
    nominations = selectors.nominations(rnd)
    live = [n for n in nominations if n.withdrawn_at is None]
    reviewers = list(rnd.reviewers.all().order_by("username"))
    today = clock.today()
    context = {
        "round": rnd,
        "nominations": nominations,
        "live_count": len(live),
        "reviewers": reviewers,
        "configures": policies.can_configure(user, rnd.unit_id),
        "works": policies.can_work(user, rnd.unit_id),
        "may_nominate": rnd.status == S.OPEN
        and today <= rnd.nominations_until
        and policies.can_work(user, rnd.unit_id),
        "is_reviewer": any(r.pk == user.pk for r in reviewers),
        "places": rules.places(rnd.tier_list),
        "place_amounts": rules.place_amounts(rnd.pool, rnd.tier_list),
        "confirm_blocker": awards.confirm_blocker(rnd, today),
        "payments": selectors.payment_totals(rnd),
    }
    if rnd.status == S.SCORING:
        context["missing"] = awards.missing_sheets(rnd, live, selectors.sheets(rnd))
    return render(request, "enterprise/awards_detail.html", context)


def _confirm_step(request, rnd, *, title: str, explain: str, rows, act, done: str, form=None) -> HttpResponse:
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            act()
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, done)
        return _back(rnd)
    context = {"title": title, "explain": explain, "rows": rows, "form": form}
    return render(request, "confirm.html", context)


def _step(request, award_round_id: int, *allowed: str) -> tuple[AwardRound, HttpResponse | None]:
    rnd = selectors.round_or_404(request.user, award_round_id)
    _configurer(request, rnd)
    if rnd.status in allowed:
        return rnd, None
    messages.error(request, f"“{rnd.title}”当前为{rnd.get_status_display()}，不能进行这一步")
    return rnd, _back(rnd)


def nomination_create(request: HttpRequest, award_round_id: int) -> HttpResponse:
    rnd = selectors.round_or_404(request.user, award_round_id)
    require(policies.can_work(request.user, rnd.unit_id), "只有本单位工作人员可以提名")
    enterprises = Enterprise.objects.filter(unit_id=rnd.unit_id, status=Enterprise.Status.ACTIVE).order_by("name")
    form = NominationForm(request.POST or None, request.FILES or None, enterprises=enterprises)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            awards.nomination_create(actor=request.user, rnd=rnd, **data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, f"已提名 {data['entrepreneur']}。")
            return _back(rnd)
    return render(request, "enterprise/awards_form.html", {"form": form, "title": f"提名：{rnd.title}", "round": rnd})


def nomination_withdraw(request: HttpRequest, nomination_id: int) -> HttpResponse:
    nomination = selectors.nomination_or_404(request.user, nomination_id)
    require(policies.can_work(request.user, nomination.unit_id), "只有本单位工作人员可以撤回提名")
    return void_page(
        request,
        title=f"撤回提名：{nomination.entrepreneur}（{nomination.enterprise.name}）",
        void=lambda reason: awards.nomination_withdraw(actor=request.user, nomination=nomination, reason=reason),
        done_message="已撤回提名。",
        done_url=reverse("enterprise:award_round_detail", args=[nomination.round_id]),
    )


def nomination_material(request: HttpRequest, nomination_id: int) -> FileResponse:
    nomination = selectors.nomination_or_404(request.user, nomination_id)
    if not nomination.material:
        raise Http404("这条提名没有上传材料")
    name = nomination.material.name.rsplit("/", 1)[-1]
    return FileResponse(nomination.material.open("rb"), as_attachment=True, filename=name)


def scoring_start(request: HttpRequest, award_round_id: int) -> HttpResponse:
    rnd, wrong = _step(request, award_round_id, S.OPEN)
    if wrong:
        return wrong
    live = selectors.live_nominations(rnd)
    return _confirm_step(
        request,
        rnd,
        title=f"开始评审：{rnd.title}",
        explain="开始评审后不再接受提名，评审标准及权重、奖励等次不能再修改。",
        rows=[f"{n.entrepreneur}（{n.enterprise.name}）" for n in live],
        act=lambda: awards.scoring_start(actor=request.user, rnd=rnd),
        done="已开始评审。",
    )


def scores(request: HttpRequest, award_round_id: int) -> HttpResponse:
    rnd = selectors.round_or_404(request.user, award_round_id)
    if rnd.status != S.SCORING:
        messages.error(request, f"“{rnd.title}”当前为{rnd.get_status_display()}，不能录入评分")
        return _back(rnd)
    reviewers = list(rnd.reviewers.all().order_by("username"))
    wanted = request.GET.get("reviewer", "")
    reviewer = next((r for r in reviewers if str(r.pk) == wanted), None)
    if reviewer is None:
        reviewer = next((r for r in reviewers if r.pk == request.user.pk), reviewers[0] if reviewers else None)
    require(
        reviewer is not None and awards.may_score(request.user, rnd, reviewer), "只有评审人本人或单位管理员可以录入评分"
    )
    live = selectors.live_nominations(rnd)
    sheets = {s.nomination_id: s.values for s in selectors.sheets(rnd) if s.reviewer_id == reviewer.pk}
    form = ScoresForm(request.POST or None, nominations=live, criteria=rnd.criteria_list, sheets=sheets)
    if request.method == "POST" and form.is_valid():
        try:
            changed = awards.scores_set(actor=request.user, rnd=rnd, reviewer=reviewer, scores=form.scores())
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, f"已保存 {changed} 份评分。")
            return _back(rnd)
    context = {
        "round": rnd,
        "form": form,
        "reviewer": reviewer,
        "reviewers": reviewers if policies.can_configure(request.user, rnd.unit_id) else [],
    }
    return render(request, "enterprise/awards_scores.html", context)


def allocation(request: HttpRequest, award_round_id: int) -> HttpResponse:
    """The allocation as it would be confirmed; the admin confirms it here, which starts the 公示."""
    rnd = selectors.round_or_404(request.user, award_round_id)
    require(policies.can_work(request.user, rnd.unit_id), "只有本单位工作人员可以查看分配预览")
    if rnd.status != S.SCORING:
        messages.error(request, "只有评审中的评选可以预览分配")
        return _back(rnd)
    configures = policies.can_configure(request.user, rnd.unit_id)
    if request.method == "POST":
        _configurer(request, rnd)
        try:
            awards.allocation_confirm(actor=request.user, rnd=rnd)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, f"已确认分配并公示 {rnd.publicity_days} 天。")
            return redirect("enterprise:award_publicity", rnd.pk)
    live = selectors.live_nominations(rnd)
    sheets = selectors.sheets(rnd)
    lines = awards.preview(rnd, live, sheets)
    context = {
        "round": rnd,
        "lines": lines,
        "total": sum((line.amount for line in lines if line.amount is not None), rules.FEN * 0),
        "missing": awards.missing_sheets(rnd, live, sheets),
        "configures": configures,
    }
    return render(request, "enterprise/awards_allocation.html", context)


def allocation_withdraw(request: HttpRequest, award_round_id: int) -> HttpResponse:
    rnd, wrong = _step(request, award_round_id, S.PUBLICITY)
    if wrong:
        return wrong
    return void_page(
        request,
        title=f"撤回分配与公示：{rnd.title}",
        void=lambda reason: awards.allocation_withdraw(actor=request.user, rnd=rnd, reason=reason),
        done_message="已撤回分配，评选回到评审中。",
        done_url=reverse("enterprise:award_round_detail", args=[rnd.pk]),
    )


def publicity(request: HttpRequest, award_round_id: int) -> HttpResponse:
    rnd = selectors.round_or_404(request.user, award_round_id)
    if rnd.status not in (S.PUBLICITY, S.CONFIRMED):
        messages.error(request, "还没有公示")
        return _back(rnd)
    awarded = selectors.awarded(rnd)
    today = clock.today()
    may_object = rnd.status == S.PUBLICITY and today <= rnd.publicity_until and request.user.unit_id == rnd.unit_id
    form = ObjectionForm(request.POST or None, awarded=awarded) if may_object else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            awards.objection_file(
                actor=request.user, rnd=rnd, text=form.cleaned_data["text"], nomination=form.cleaned_data["nomination"]
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "已记录异议。")
            return redirect("enterprise:award_publicity", rnd.pk)
    lines = list(awarded)
    context = {
        "round": rnd,
        "lines": lines,
        "total": sum((n.amount for n in lines), rules.FEN * 0),
        "objections": selectors.objections(rnd),
        "form": form,
        "configures": policies.can_configure(request.user, rnd.unit_id),
    }
    return render(request, "enterprise/awards_publicity.html", context)


def publicity_pdf(request: HttpRequest, award_round_id: int) -> HttpResponse:
    rnd = selectors.round_or_404(request.user, award_round_id)
    if rnd.status not in (S.PUBLICITY, S.CONFIRMED):
        raise Http404("还没有公示")
    lines = list(selectors.awarded(rnd))
    html = render_to_string(
        "enterprise/awards_publicity_pdf.html",
        {"round": rnd, "lines": lines, "total": sum((n.amount for n in lines), rules.FEN * 0)},
    )
    pdf = render_pdf(html, base_url=request.build_absolute_uri("/"))
    return download(pdf, f"{rnd.title}-公示.pdf", PDF)


def objection_answer(request: HttpRequest, award_objection_id: int) -> HttpResponse:
    objection = selectors.objection_or_404(request.user, award_objection_id)
    _configurer(request, objection.round)
    form = AnswerForm(request.POST or None)
    return _confirm_step(
        request,
        objection.round,
        title="答复异议",
        explain=objection.text,
        rows=[],
        act=lambda: awards.objection_answer(
            actor=request.user, objection=objection, answer=form.cleaned_data["answer"]
        ),
        done="已答复异议。",
        form=form,
    )


def round_confirm(request: HttpRequest, award_round_id: int) -> HttpResponse:
    rnd, wrong = _step(request, award_round_id, S.PUBLICITY)
    if wrong:
        return wrong
    blocker = awards.confirm_blocker(rnd, clock.today())
    if blocker:
        messages.error(request, blocker)
        return _back(rnd)
    lines = selectors.awarded(rnd)
    return _confirm_step(
        request,
        rnd,
        title=f"确定奖励：{rnd.title}",
        explain="公示期满且没有未答复的异议。确定后生成每位获奖企业家的支付记录。",
        rows=[f"{n.tier} {n.entrepreneur}（{n.enterprise.name}）：{n.amount} 元" for n in lines],
        act=lambda: awards.round_confirm(actor=request.user, rnd=rnd),
        done="已确定奖励，生成支付记录。",
    )


def payments_pay(request: HttpRequest, award_round_id: int) -> HttpResponse:
    rnd, wrong = _step(request, award_round_id, S.CONFIRMED)
    if wrong:
        return wrong
    form = PaidForm(request.POST or None)
    return _confirm_step(
        request,
        rnd,
        title=f"登记支付：{rnd.title}",
        explain="把尚未支付的奖励登记为已支付。",
        rows=[],
        act=lambda: awards.payments_pay(actor=request.user, rnd=rnd, paid_on=form.cleaned_data["paid_on"]),
        done="已登记支付。",
        form=form,
    )

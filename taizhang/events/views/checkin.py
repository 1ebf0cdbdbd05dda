"""The day of the event on a steward's phone: the code typed or scanned, who it is and the 签到 button, a check-in
undone with its reason; the live dashboard everyone in scope reads, refreshing itself."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from taizhang.core import clock
from taizhang.core.http import require
from taizhang.core.pages import refusal, void_page
from taizhang.core.rules import mask_phone
from taizhang.events import checkin as service
from taizhang.events import policies, selectors, selectors_checkin
from taizhang.events.forms_checkin import CodeForm, WalkInForm
from taizhang.events.rules import checkin, codes


def _working(request, event_id: int):
    event = selectors.event_or_404(request.user, event_id)
    require(policies.can_work(request.user, event), "您不是本活动的工作人员，不能签到")
    return event


def checkin_home(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _working(request, event_id)
    form = CodeForm(request.GET or None)
    if form.is_bound and form.is_valid():
        code = codes.normalise(form.cleaned_data["code"])
        if codes.is_well_formed(code):
            return redirect("events:checkin_code", event_id=event.pk, checkin_code=code)
        form.add_error("code", f"签到码应为 {codes.LENGTH} 位字母和数字（例如 ABCD-EFGH），请核对后重新输入")
    context = {"event": event, "form": form, "recent": selectors_checkin.recent(event)}
    return render(request, "events/checkin_home.html", context)


def checkin_code(request: HttpRequest, event_id: int, checkin_code: str) -> HttpResponse:
    event = _working(request, event_id)
    if request.method == "POST":
        try:
            found = service.check_in(actor=request.user, event=event, code=checkin_code)
        except ValidationError as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, f"已签到：{found.record}（{codes.shown(found.record.code)}）")
            return redirect("events:checkin", event_id=event.pk)
    found = service.find(event, checkin_code)
    problem = checkin.refusal(service.holder(found) if found else None, event_id=event.pk, today=clock.today())
    phone = ""
    if found:
        phone = found.record.phone if policies.reads_phones(request.user, event) else mask_phone(found.record.phone)
    context = {
        "event": event,
        "found": found,
        "problem": problem,
        "phone": phone,
        "code": codes.shown(codes.normalise(checkin_code)),
        "plans": policies.can_plan(request.user, event.unit_id),
    }
    return render(request, "events/checkin_confirm.html", context)


def checkin_undo(request: HttpRequest, event_id: int, checkin_code: str) -> HttpResponse:
    event = _working(request, event_id)
    found = service.find(event, checkin_code)
    rows = []
    if found and found.record.checked_in_at:
        at = timezone.localtime(found.record.checked_in_at)
        rows = [f"{found.record}：{at:%H:%M} 的签到将撤销，签到码可以再次使用"]
    return void_page(
        request,
        title=f"撤销签到：{codes.shown(codes.normalise(checkin_code))}",
        void=lambda reason: service.check_in_undo(actor=request.user, event=event, code=checkin_code, reason=reason),
        done_message="已撤销签到。",
        done_url=reverse("events:checkin", kwargs={"event_id": event.pk}),
        template="confirm.html",
        context={"explain": "签到有误（认错人、输错码）时撤销，原因记入审计。", "rows": rows, "danger": True},
    )


def walk_in(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _working(request, event_id)
    sessions = [s for s in selectors.sessions_with_counts(event) if s.takes_signups]
    form = WalkInForm(request.POST or None, sessions=sessions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signup = service.walk_in(
                actor=request.user,
                session=form.sessions[data["session"]],
                name=data["name"],
                phone=data["phone"],
                people=data["people"],
                team_name=data["team_name"],
                members=data["members"],
                village=data["village"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)  # the service names the form's fields
        else:
            messages.success(
                request, f"已现场登记并签到：{signup}（{signup.session.name}，签到码 {codes.shown(signup.code)}）"
            )
            return redirect("events:checkin", event_id=event.pk)
    return render(request, "events/checkin_walk_in.html", {"event": event, "form": form, "sessions": sessions})


def dashboard(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    context = {
        "event": event,
        "board": selectors_checkin.dashboard(event),
        "works": policies.can_work(request.user, event),
        "now": clock.now(),
    }
    template = "events/checkin_board.html" if request.htmx else "events/checkin_dashboard.html"
    return render(request, template, context)

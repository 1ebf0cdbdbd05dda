"""The office's side of the sign-ups: the event's list (filters, Excel), a session's places and waiting line, a new
capacity previewed before it moves anyone, a resident signed up by phone, a sign-up cancelled with its reason. Phones
whole only for who calls them (policies.reads_phones), masked for everyone else."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from taizhang.core.forms import ReasonForm, download_format
from taizhang.core.http import XLSX, download
from taizhang.core.listing import list_response, paginate
from taizhang.core.pages import refusal
from taizhang.documents.tabular import write_xlsx
from taizhang.events import policies, selectors, signups
from taizhang.events import selectors_signups as found_signups
from taizhang.events.forms_signups import CapacityForm, SignupFilterForm, StaffSignupForm
from taizhang.events.models import SignUp

EXPORT_COLUMNS = ["场次", "姓名", "手机号", "队名", "队员", "人数", "村居", "报名时间", "状态", "来源", "签到时间"]


WAITING_SHOWN = 20  # the head of the line on a session's page; the list shows the rest, filtered


def _local(at) -> str:
    return f"{timezone.localtime(at):%Y-%m-%d %H:%M}" if at else ""


def signup_list(request: HttpRequest, event_id: int) -> HttpResponse:
    user = request.user
    event = selectors.event_or_404(user, event_id)
    sessions = [s for s in event.sessions.all() if s.takes_signups]
    form = SignupFilterForm(request.GET, sessions=sessions, villages=found_signups.villages(event))
    f = form.filters()
    found = found_signups.signup_list(
        event, q=f["q"], session=f["session"], state=f["state"], village=f["village"], checked_in=f["checked_in"]
    )
    read = found_signups.phone_reader(user, event)
    if download_format(request.GET, "xlsx"):
        return _export(event, found, read)
    page = paginate(request, found)
    for signup in page:
        signup.shown_phone = read(signup.phone)
    context = {
        "event": event,
        "filter_form": form,
        "page": page,
        "download": "xlsx",
        "works": policies.can_work(user, event),
        "plans": policies.can_plan(user, event.unit_id),
    }
    return list_response(request, "events/signups_list.html", "events/signups_rows.html", context)


def _export(event, found, read) -> HttpResponse:
    rows = (
        [
            s.session.name,
            s.name,
            read(s.phone),
            s.team_name,
            "、".join(s.members.splitlines()),
            s.people,
            s.village,
            _local(s.signed_at),
            s.get_state_display(),
            s.get_source_display(),
            _local(s.checked_in_at),
        ]
        for s in found.iterator()
    )
    stream = io.BytesIO()
    write_xlsx(
        stream, EXPORT_COLUMNS, rows, sheet_title="报名名单", title=f"{event.name}报名名单", text_columns=["手机号"]
    )
    return download(stream.getvalue(), f"{event.name}-报名名单.xlsx", XLSX)


def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    user = request.user
    session = selectors.session_or_404(user, session_id)
    event = session.event
    lines = found_signups.session_lines(session)
    page = paginate(request, lines.confirmed)  # a training's hundreds of places: twenty a page, like every list
    waiting = lines.waiting[:WAITING_SHOWN]
    read = found_signups.phone_reader(user, event)
    for position, signup in [*enumerate(page, start=page.start_index()), *enumerate(waiting, start=1)]:
        signup.position, signup.shown_phone = position, read(signup.phone)
    for position, signup in enumerate(lines.cancelled, start=1):
        signup.position, signup.shown_phone = position, read(signup.phone)
    context = {
        "event": event,
        "session": session,
        "lines": lines,
        "page": page,
        "waiting": waiting,
        "more_waiting": len(lines.waiting) - len(waiting),
        "works": policies.can_work(user, event),
        "plans": policies.can_plan(user, event.unit_id),
    }
    return render(request, "events/signups_session.html", context)


def session_capacity(request: HttpRequest, session_id: int) -> HttpResponse:
    """The new capacity and its reason → who it would move (nothing written) → confirmed, it moves them."""
    user = request.user
    session = selectors.session_or_404(user, session_id)
    if not policies.can_plan(user, session.unit_id):
        raise PermissionDenied("只有本单位管理员和工作组组长可以修改场次容量")
    if not session.takes_signups:
        raise PermissionDenied("无需报名的场次不设容量")
    form = CapacityForm(request.POST or None, initial={"capacity": session.capacity})
    context = {"event": session.event, "session": session, "form": form, "preview": False}
    if request.method == "POST" and form.is_valid():
        capacity, reason = form.cleaned_data["capacity"], form.cleaned_data["reason"]
        if not form.cleaned_data["confirmed"]:
            up, back = found_signups.capacity_preview(session, capacity)
            read = found_signups.phone_reader(user, session.event)
            for signup in up + back:
                signup.shown_phone = read(signup.phone)
            form = CapacityForm(initial={"capacity": capacity, "reason": reason, "confirmed": True})
            context.update(form=form, preview=True, up=up, back=back, capacity=capacity)
        else:
            try:
                up, back = signups.capacity_set(actor=user, session=session, capacity=capacity, reason=reason)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                shown = capacity if capacity is not None else "不限"
                messages.success(request, f"容量已改为 {shown}：{len(up)} 人由候补转为已报名，{len(back)} 人退回候补")
                return redirect("events:session", session.pk)
    return render(request, "events/signups_capacity.html", context)


def signup_new(request: HttpRequest, event_id: int) -> HttpResponse:
    """A resident calls the office: staff who work the event sign them up (source 工作人员代报)."""
    user = request.user
    event = selectors.event_or_404(user, event_id)
    if not policies.can_work(user, event):
        raise PermissionDenied("只有本活动的筹备人员和工作人员可以代为报名")
    sessions = {s.pk: s for s in event.sessions.all() if s.takes_signups}
    form = StaffSignupForm(
        request.POST or None, sessions=sessions.values(), initial={"session": request.GET.get("session")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = signups.signup_create(
                actor=user,
                session=sessions[data["session"]],
                name=data["name"],
                phone=data["phone"],
                source=SignUp.Source.STAFF,
                team_name=data["team_name"],
                members=data["members"],
                village=data["village"],
            )
        except (ValidationError, PermissionDenied) as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, _placed(made))
            return redirect("events:session", made.session_id)
    return render(request, "events/signups_new.html", {"event": event, "form": form})


def _errors_to_form(form, exc) -> None:
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        form.add_error(None, refusal(exc))


def _placed(signup: SignUp) -> str:
    who = signup.team_name or signup.name
    if signup.state == "waiting":
        return f"{who} 已报名“{signup.session.name}”，名额已满，候补第 {signups.waiting_position(signup)} 位"
    return f"{who} 已报名“{signup.session.name}”"


def signup_cancel(request: HttpRequest, signup_id: int) -> HttpResponse:
    user = request.user
    signup = found_signups.signup_or_404(user, signup_id)
    if not policies.can_work(user, signup.event):
        raise PermissionDenied("只有本活动的筹备人员和工作人员可以取消报名")
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moved = signups.signup_cancel(actor=user, signup=signup, reason=form.cleaned_data["reason"])
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            up = "；".join(f"{m.team_name or m.name} 由候补转为已报名" for m in moved)
            messages.success(request, f"已取消 {signup.team_name or signup.name} 的报名" + (f"：{up}" if up else ""))
            return redirect("events:session", signup.session_id)
    who = signup.team_name or signup.name
    context = {
        "title": f"取消 {who} 的报名",
        "explain": "取消后，这个名额按顺序让给候补名单的第 1 位（如有）；取消原因记入操作记录。",
        "rows": [
            f"场次：{signup.session.name}",
            f"状态：{signup.get_state_display()}",
            f"手机号：{found_signups.phone_reader(user, signup.event)(signup.phone)}",
        ],
        "form": form,
        "danger": True,
        "back_url": reverse("events:session", args=[signup.session_id]),
    }
    return render(request, "confirm.html", context)

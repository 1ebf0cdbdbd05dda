"""Planning pages: a new event and its settings, the programme's sessions (add, change, remove one nobody signed up
for) and opening or closing the public sign-up page, each step confirmed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.core.http import require
from taizhang.core.pages import refusal
from taizhang.events import events, plan, policies, selectors
from taizhang.events.forms_plan import EventForm, SessionForm
from taizhang.events.selectors_plan import unit_staff

NOT_PLANNER = "只有本单位管理员和组长可以安排活动"


def planner(request, unit_id: int | None) -> None:
    require(policies.can_plan(request.user, unit_id) and bool(request.user.unit_id or unit_id), NOT_PLANNER)


def form_page(request, form, *, title: str, back: str, explain: str = "", submit: str = "保存") -> HttpResponse:
    context = {"form": form, "title": title, "back": back, "explain": explain, "submit": submit}
    return render(request, "events/plan_form.html", context)


def saved(request, form, write, message: str):
    """Run the service; its refusal goes on the form (on the field it names), success returns the record."""
    try:
        record = write()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, refusal(exc))
        return None
    except PermissionDenied as exc:
        form.add_error(None, refusal(exc))
        return None
    messages.success(request, message)
    return record


def entry_page(request, form, *, write, message: str, title: str, back: str, done: str = "") -> HttpResponse:
    """A page that writes one thing: `write(cleaned_data)` on a valid POST, then to `done` (or back)."""
    if request.method == "POST" and form.is_valid():
        record = saved(request, form, lambda: write(form.cleaned_data), message)
        if record is not None:
            return redirect(done or back)
    return form_page(request, form, title=title, back=back)


def confirm_page(request, *, title: str, explain: str, rows, act, done: str, back: str, danger=False, form=None):
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            act()
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, refusal(exc))
        else:
            messages.success(request, done)
        return redirect(back)
    context = {"title": title, "explain": explain, "rows": rows, "form": form, "danger": danger}
    return render(request, "confirm.html", context)


def _event_initial(event) -> dict:
    return {field: getattr(event, field) for field in events.EVENT_FIELDS}


def event_create(request: HttpRequest) -> HttpResponse:
    planner(request, request.user.unit_id)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        event = saved(
            request,
            form,
            lambda: events.event_create(actor=request.user, unit=request.user.unit, **data),
            f"已新建活动“{data['name']}”，请接着安排场次。",
        )
        if event:
            return redirect("events:event", event.pk)
    return form_page(request, form, title="新建活动", back=reverse("events:home"))


def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    planner(request, event.unit_id)
    return entry_page(
        request,
        EventForm(request.POST or None, initial=_event_initial(event)),
        write=lambda data: events.event_update(actor=request.user, event=event, **data),
        message="已保存活动信息。",
        title=f"修改活动：{event.name}",
        back=reverse("events:event", args=[event.pk]),
    )


def _new_session(request, event, data: dict):
    data = {k: v for k, v in data.items() if v is not None or k == "capacity"}
    lead = data.pop("lead", None)
    return events.session_create(actor=request.user, event=event, lead_id=lead.pk if lead else None, **data)


def session_create(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    planner(request, event.unit_id)
    return entry_page(
        request,
        SessionForm(request.POST or None, staff=unit_staff(event.unit_id)),
        write=lambda data: _new_session(request, event, data),
        message="已添加场次。",
        title=f"添加场次：{event.name}",
        back=reverse("events:programme", args=[event.pk]),
    )


SESSION_FORM_FIELDS = ("name", "kind", "day", "starts_at", "ends_at", "place", "description", "signup", "capacity",
                       "team_size_max", "lead", "lead_name", "sort_order")  # fmt: skip


def _edit_session(request, session, data: dict):
    data = {**data, "sort_order": session.sort_order if data["sort_order"] is None else data["sort_order"]}
    return plan.session_edit(actor=request.user, session=session, **data)


def session_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.session_or_404(request.user, session_id)
    planner(request, session.unit_id)
    form = SessionForm(
        request.POST or None,
        staff=unit_staff(session.unit_id),
        capacity_locked=plan.session_has_signups(session),
        initial={f: getattr(session, f) for f in SESSION_FORM_FIELDS},
    )
    return entry_page(
        request,
        form,
        write=lambda data: _edit_session(request, session, data),
        message="已保存场次。",
        title=f"修改场次：{session.event.name} · {session.name}",
        back=reverse("events:programme", args=[session.event_id]),
    )


def session_remove(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.session_or_404(request.user, session_id)
    planner(request, session.unit_id)
    back = reverse("events:programme", args=[session.event_id])
    if plan.session_has_signups(session):
        messages.error(request, f"“{session.name}”已有报名，不能删除")
        return redirect(back)
    n_staff = session.assignments.count()
    return confirm_page(
        request,
        title=f"删除场次：{session.name}",
        explain="删除后该场次从节目单和公开报名页上移除，变更记录中保留删除前的内容。",
        rows=[f"{session.event.name} · {session.name}"]
        + ([f"该场次的 {n_staff} 条工作人员安排一并移除"] if n_staff else []),
        act=lambda: plan.session_remove(actor=request.user, session=session),
        done=f"已删除场次“{session.name}”。",
        back=back,
        danger=True,
    )


def public_link(request, event) -> str:
    return request.build_absolute_uri(reverse("events_public:event", args=[event.public_key]))


def publish(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    planner(request, event.unit_id)
    opening = not event.published
    link = public_link(request, event)
    if opening:
        title, explain = f"公开报名页：{event.name}", "公开后任何人凭链接可报名，也可查看节目单和交通指引。"
        rows = [f"公开链接：{link}", f"场次 {event.sessions.count()} 个"]
    else:
        title, explain = f"关闭报名页：{event.name}", "关闭后公开链接无法访问，不能再报名；已有的报名保留。"
        rows = [f"公开链接：{link}"]
    return confirm_page(
        request,
        title=title,
        explain=explain,
        rows=rows,
        act=lambda: events.event_publish(actor=request.user, event=event, published=opening),
        done="报名页已公开。" if opening else "报名页已关闭。",
        back=reverse("events:event", args=[event.pk]),
        danger=not opening,
    )


def programme(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    planner(request, event.unit_id)
    sessions = selectors.sessions_with_counts(event).annotate(n_all=Count("signups"))
    return render(request, "events/plan_programme.html", {"event": event, "sessions": sessions})

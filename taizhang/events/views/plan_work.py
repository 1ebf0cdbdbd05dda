"""The people side of planning: the duty rota (assign, remove with a reason, print), a staff member's own
assignments, and the preparation checklist (add, change, tick off, reopen)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from taizhang.core import clock
from taizhang.core.http import require
from taizhang.core.listing import list_response, paginate
from taizhang.core.pages import refusal, void_page
from taizhang.events import plan, policies, selectors
from taizhang.events import selectors_plan as reads
from taizhang.events.forms_plan import AssignmentForm, TaskFilterForm, TaskForm
from taizhang.events.rules import plan as rules
from taizhang.events.views.plan import entry_page, planner


def rota(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    context = {"event": event, "groups": reads.rota(event), "plans": policies.can_plan(request.user, event.unit_id)}
    return render(request, "events/plan_rota.html", context)


def assignment_create(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    planner(request, event.unit_id)
    return entry_page(
        request,
        AssignmentForm(request.POST or None, event=event, staff=reads.unit_staff(event.unit_id)),
        write=lambda data: plan.assignment_create(actor=request.user, event=event, **data),
        message="已安排工作人员。",
        title=f"安排工作人员：{event.name}",
        back=reverse("events:rota", args=[event.pk]),
    )


def assignment_remove(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = reads.assignment_or_404(request.user, assignment_id)
    planner(request, assignment.unit_id)
    who = assignment.user.full_name or assignment.user.username
    return void_page(
        request,
        title=f"移除工作人员安排：{who} · {assignment.duty}",
        void=lambda reason: plan.assignment_remove(actor=request.user, assignment=assignment, reason=reason),
        done_message=f"已移除 {who} 的安排。",
        done_url=reverse("events:rota", args=[assignment.event_id]),
    )


def my_assignments(request: HttpRequest) -> HttpResponse:
    page = paginate(request, reads.my_assignments(request.user))
    return render(request, "events/plan_mine.html", {"page": page})


def task_list(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    staff = list(reads.unit_staff(event.unit_id))
    form = TaskFilterForm(request.GET, staff=staff)
    filters = form.filters()
    today = clock.today()
    found = reads.tasks(event, q=filters["q"], state=filters["state"], owner=filters["owner"], today=today)
    page = paginate(request, found)
    for task in page:
        task.state = rules.task_state(task.due_on, task.done_on, today)
        task.state_label = rules.TASK_STATES[task.state]
    context = {
        "event": event,
        "filter_form": form,
        "page": page,
        "plans": policies.can_plan(request.user, event.unit_id),
        "user_id": request.user.pk,
    }
    return list_response(request, "events/plan_tasks.html", "events/plan_task_rows.html", context)


def task_create(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    planner(request, event.unit_id)
    return entry_page(
        request,
        TaskForm(request.POST or None, staff=reads.unit_staff(event.unit_id)),
        write=lambda data: plan.task_create(actor=request.user, event=event, **data),
        message="已添加筹备事项。",
        title=f"添加筹备事项：{event.name}",
        back=reverse("events:tasks", args=[event.pk]),
    )


def task_edit(request: HttpRequest, prep_task_id: int) -> HttpResponse:
    task = reads.task_or_404(request.user, prep_task_id)
    planner(request, task.unit_id)
    initial = {"title": task.title, "owner": task.owner, "due_on": task.due_on, "note": task.note}
    return entry_page(
        request,
        TaskForm(request.POST or None, staff=reads.unit_staff(task.unit_id), initial=initial),
        write=lambda data: plan.task_update(actor=request.user, task=task, **data),
        message="已保存筹备事项。",
        title=f"修改筹备事项：{task.title}",
        back=reverse("events:tasks", args=[task.event_id]),
    )


def _tick(request, prep_task_id: int, act, done: str) -> HttpResponse:
    task = reads.task_or_404(request.user, prep_task_id)
    require(
        policies.can_plan(request.user, task.unit_id) or task.owner_id == request.user.pk,
        "只有负责人和活动筹备人员可以办理",
    )
    try:
        act(task)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, refusal(exc))
    else:
        messages.success(request, done.format(title=task.title))
    return redirect(reverse("events:tasks", args=[task.event_id]) + f"#task-{task.pk}")


@require_POST
def task_done(request: HttpRequest, prep_task_id: int) -> HttpResponse:
    return _tick(request, prep_task_id, lambda t: plan.task_done(actor=request.user, task=t), "“{title}”已完成。")


@require_POST
def task_reopen(request: HttpRequest, prep_task_id: int) -> HttpResponse:
    return _tick(request, prep_task_id, lambda t: plan.task_reopen(actor=request.user, task=t), "“{title}”已重新打开。")

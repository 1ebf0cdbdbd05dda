"""Pages of the biweekly trainings (调度培训): the schedule, a session's topics, materials and attendance."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.assistance import trainings
from taizhang.assistance.forms.filters import days_from
from taizhang.assistance.forms.trainings import ScheduleForm, SessionForm
from taizhang.assistance.models import TrainingSession
from taizhang.assistance.policies import can_manage_assistance, is_unit_admin_of
from taizhang.core import clock
from taizhang.core.pages import cleaned, refusal, run_action
from taizhang.org.scoping import get_visible_or_404


def training_index(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    first, last, errors = days_from(request.GET, first=today - timedelta(days=90), last=today + timedelta(days=60))
    for error in errors:
        messages.error(request, error)
    manage = can_manage_assistance(request.user) and request.user.unit_id is not None
    form = (
        ScheduleForm(request.POST or None, initial={"start": today, "until": today + timedelta(days=180)})
        if manage
        else None
    )
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            created = trainings.schedule(actor=request.user, unit_id=request.user.unit_id, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, f"已安排 {created} 次调度培训")
            return redirect("assistance:training_list")
    return render(
        request,
        "assistance/training_list.html",
        {
            "sessions": trainings.sessions_with_rates(request.user, first, last),
            "summary": [h for h in trainings.attendance_summary(request.user, first, last) if h.missed],
            "first": first,
            "last": last,
            "form": form,
            "can_manage": manage,
            "today": today,
        },
    )


def training_detail(request: HttpRequest, training_id: int) -> HttpResponse:
    session = get_visible_or_404(TrainingSession.objects.all(), request.user, pk=training_id)
    manage = is_unit_admin_of(request.user, session.unit_id)
    helpers = trainings.helpers_on_day(session.unit_id, session.date)
    recorded = {a.helper_id: a for a in session.attendance.all()}
    action = request.POST.get("action")
    form = SessionForm(
        request.POST if action == "session" else None,
        request.FILES if action == "session" else None,
        initial={"topics": session.topics, "materials": session.materials},
    )
    if request.method == "POST" and manage:

        def attendance():
            present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
            notes = {h.pk: request.POST.get(f"note-{h.pk}", "") for h in helpers}
            trainings.attendance_record(actor=request.user, session=session, present=present, notes=notes)

        done = run_action(
            request,
            {
                "session": lambda: trainings.session_update(actor=request.user, session=session, **cleaned(form)),
                "attendance": attendance,
            },
            reverse("assistance:training_detail", args=[session.pk]),
        )
        if done:
            return done
    rows = [{"helper": h, "record": recorded.get(h.pk)} for h in helpers]
    return render(
        request,
        "assistance/training_detail.html",
        {"session": session, "rows": rows, "form": form, "manage": manage, "can_manage": manage},
    )


def training_file(request: HttpRequest, training_id: int) -> FileResponse:
    session = get_visible_or_404(TrainingSession.objects.all(), request.user, pk=training_id)
    if not session.material_file:
        raise Http404("这次培训没有上传材料")
    return FileResponse(
        session.material_file.open("rb"), as_attachment=True, filename=session.material_file.name.rsplit("/", 1)[-1]
    )

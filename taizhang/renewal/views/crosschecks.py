"""Pages of the cross-check with the police data (数据比对): upload an extract, preview and confirm it, the categories
of the latest run, a run's tasks, withdrawing a run, the discrepancy workbook, a task with both sides and its
resolution."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.core.http import XLSX, require
from taizhang.core.listing import list_response, paginate
from taizhang.core.pages import refusal, void_page
from taizhang.documents.importing import ImportReport
from taizhang.org.models import OrgNode
from taizhang.renewal import crosschecks, selectors
from taizhang.renewal.forms.crosschecks import (
    ConfirmForm,
    PoliceExtractForm,
    ResolveForm,
    TaskFilterForm,
)
from taizhang.renewal.models import CrosscheckTask
from taizhang.renewal.policies import can_manage_project
from taizhang.renewal.rules import CATEGORIES, COVERAGE_FLOOR, SAME

HISTORY = 20
MY_TASKS = 10


PENDING = "renewal_crosscheck_pending"  # session: project id -> token and file name of the previewed extract


def crosscheck(request: HttpRequest, project_id: int) -> HttpResponse:
    """Upload → preview (coverage, counts, tasks superseded; nothing written) → confirm or cancel."""
    project = selectors.project_or_404(request.user, project_id)
    manager = can_manage_project(request.user, project)
    action = request.POST.get("action", "preview")
    form = PoliceExtractForm(request.POST or None, request.FILES or None) if manager else None
    if request.method == "POST" and action != "preview":
        form = PoliceExtractForm() if manager else None
    report = preview = confirm = None
    if request.method == "POST":
        require(manager, "只有本单位管理员可以导入公安数据")
        if action == "preview" and form.is_valid():
            report, preview, confirm = _preview_upload(request, project, form)
        elif action == "cancel":
            _forget(request, project)
            messages.info(request, "已取消，上传的文件已删除")
            return redirect("renewal:crosscheck", project_id=project.pk)
        elif action == "confirm":
            done, preview, confirm = _confirm(request, project)
            if done:
                return redirect("renewal:crosscheck", project_id=project.pk)
    return _index(request, project, manager, form, report, preview, confirm)


def _preview_upload(request: HttpRequest, project, form: PoliceExtractForm):
    upload = form.cleaned_data["file"]
    _forget(request, project)
    try:
        token = crosschecks.pending_store(user=request.user, project=project, upload=upload)
        with crosschecks.pending_open(user=request.user, project=project, token=token) as kept:
            result = crosschecks.crosscheck_preview(
                actor=request.user, project=project, data=kept, filename=upload.name
            )
    except (ValidationError, PermissionDenied) as exc:
        form.add_error(None, refusal(exc))
        return None, None, None
    if isinstance(result, ImportReport):
        crosschecks.pending_discard(user=request.user, project=project, token=token)
        return result, None, None
    request.session[PENDING] = {**request.session.get(PENDING, {}), str(project.pk): [token, upload.name]}
    return None, result, ConfirmForm(initial={"token": token})


def _confirm(request: HttpRequest, project):
    """Run the previewed file; a partial one only with the box ticked (checked here, not only in the browser)."""
    confirm = ConfirmForm(request.POST)
    token, filename = request.session.get(PENDING, {}).get(str(project.pk), ["", ""])
    if not confirm.is_valid() or confirm.cleaned_data["token"] != token:
        messages.error(request, crosschecks.EXPIRED)
        return False, None, None
    try:
        with crosschecks.pending_open(user=request.user, project=project, token=token) as kept:
            run = crosschecks.crosscheck_run(
                actor=request.user,
                project=project,
                data=kept,
                filename=filename,
                confirm_partial=confirm.cleaned_data["confirm_partial"],
            )
    except (ValidationError, PermissionDenied) as exc:
        confirm.add_error("confirm_partial", refusal(exc))
        try:
            with crosschecks.pending_open(user=request.user, project=project, token=token) as kept:
                preview = crosschecks.crosscheck_preview(
                    actor=request.user, project=project, data=kept, filename=filename
                )
        except (ValidationError, PermissionDenied):
            messages.error(request, refusal(exc))
            return False, None, None
        return False, (preview if not isinstance(preview, ImportReport) else None), confirm
    _forget(request, project)
    messages.success(request, f"已比对 {run.rows} 行公安数据，差异已生成比对任务")
    return True, None, None


def _forget(request: HttpRequest, project) -> None:
    pending = request.session.get(PENDING, {})
    token, _filename = pending.pop(str(project.pk), ["", ""])
    if token:
        crosschecks.pending_discard(user=request.user, project=project, token=token)
        request.session[PENDING] = pending


def _index(request: HttpRequest, project, manager, form, report, preview, confirm) -> HttpResponse:
    runs = list(crosschecks.runs(request.user, project)[:HISTORY])
    for run in runs:
        run.discrepancies = sum(n for c, n in run.counts.items() if c != SAME)
    latest = next((run for run in runs if run.withdrawn_at is None), None)
    figures, my_tasks = [], []
    if latest is not None:
        tasks = crosschecks.task_figures(request.user, latest)
        figures = [
            {
                "category": c,
                "count": latest.counts.get(c, 0),
                "open": tasks.get(c, {}).get("open", 0),
                "is_same": c == SAME,
            }
            for c in CATEGORIES
        ]
        if crosschecks.in_population_group(request.user, project):
            my_tasks = list(crosschecks.tasks(request.user, latest, status=CrosscheckTask.Status.OPEN)[:MY_TASKS])
    return render(
        request,
        "renewal/crosschecks/index.html",
        {
            "project": project,
            "form": form,
            "report": report,
            "latest": latest,
            "runs": runs,
            "figures": figures,
            "my_tasks": my_tasks,
            "can_manage": manager,
            "preview": preview,
            "variants": [r.detail for r in preview.result.results if r.category == SAME and r.detail]
            if preview
            else [],
            "confirm": confirm,
            "coverage_floor": f"{float(COVERAGE_FLOOR) * 100:.0f}%",
        },
    )


def crosscheck_run(request: HttpRequest, run_id: int) -> HttpResponse:
    run = crosschecks.run_or_404(request.user, run_id)
    project = run.project
    data = request.GET.copy()
    if "status" not in data and crosschecks.in_population_group(request.user, project):
        data["status"] = CrosscheckTask.Status.OPEN  # the population group opens on what is left to do
    form = TaskFilterForm(
        data,
        communities=OrgNode.objects.visible_to(request.user)
        .filter(pk__in=project.communities.values("pk"))
        .order_by("sort_order", "id"),
    )
    filters = form.filters()
    items = crosschecks.tasks(
        request.user,
        run,
        category=filters["category"],
        status=filters["status"],
        community_id=filters.get("community"),
        query=filters["q"],
    )
    latest = (
        crosschecks.runs(request.user, project).filter(withdrawn_at__isnull=True).values_list("pk", flat=True).first()
    )
    return list_response(
        request,
        "renewal/crosschecks/run.html",
        "renewal/crosschecks/_task_rows.html",
        {
            "project": project,
            "run": run,
            "page": paginate(request, items),
            "filter_form": form,
            "counts": [(c, run.counts.get(c, 0)) for c in CATEGORIES],
            "is_latest": latest == run.pk,
            "may_withdraw": latest == run.pk and can_manage_project(request.user, project),
        },
    )


def crosscheck_withdraw(request: HttpRequest, run_id: int) -> HttpResponse:
    run = crosschecks.run_or_404(request.user, run_id)
    return void_page(
        request,
        title=f"撤回数据比对（{run.created_at:%Y-%m-%d %H:%M} · {run.filename}）",
        done_message="已撤回该次比对，被它取代的任务已重新打开",
        void=lambda reason: crosschecks.crosscheck_withdraw(actor=request.user, run=run, reason=reason),
        done_url=reverse("renewal:crosscheck", args=[run.project_id]),
    )


def crosscheck_details(request: HttpRequest, run_id: int) -> FileResponse:
    """The stored workbook for who may read all of it; for anyone else their own 村居's tasks, numbers masked as
    their pages mask them (crosschecks.reads_whole_run)."""
    run = crosschecks.run_or_404(request.user, run_id)
    require(bool(run.details), "该次比对没有明细文件")
    filename = f"数据比对明细-{run.project.name}-{run.created_at:%Y%m%d}-{run.pk}.xlsx"
    if crosschecks.reads_whole_run(request.user, run):
        return FileResponse(run.details.open("rb"), as_attachment=True, content_type=XLSX, filename=filename)
    stream = io.BytesIO()
    crosschecks.details_workbook(request.user, run, stream)
    stream.seek(0)
    return FileResponse(stream, as_attachment=True, content_type=XLSX, filename=filename)


def crosscheck_task(request: HttpRequest, crosscheck_task_id: int) -> HttpResponse:
    task = crosschecks.task_or_404(request.user, crosscheck_task_id)
    may_resolve = crosschecks.may_resolve(request.user, task)
    form = ResolveForm(request.POST or None) if may_resolve else None
    if request.method == "POST":
        require(may_resolve, "您不能处理这一任务")
        if form.is_valid():
            try:
                crosschecks.task_resolve(actor=request.user, task=task, resolution=form.cleaned_data["resolution"])
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, "已登记处理情况")
                return redirect(_next_task(request.user, task) or reverse("renewal:crosscheck_task", args=[task.pk]))
    return render(
        request,
        "renewal/crosschecks/task.html",
        {"project": task.project, "task": task, "form": form, "earlier": crosschecks.earlier_tasks(request.user, task)},
    )


def _next_task(user, task: CrosscheckTask) -> str | None:
    """After resolving, the next open task of the same run (the group works down its list)."""
    following = crosschecks.tasks(user, task.run, status=CrosscheckTask.Status.OPEN).exclude(pk=task.pk).first()
    return reverse("renewal:crosscheck_task", args=[following.pk]) if following else None

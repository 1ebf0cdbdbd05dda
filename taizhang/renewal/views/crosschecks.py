"""Pages of the cross-check with the police data (数据比对): upload an extract, the categories of the latest run,
a run's tasks, the discrepancy workbook, a task with both sides and its resolution."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.core.http import XLSX, require
from taizhang.core.pages import refusal, void_page
from taizhang.documents.importing import ImportReport
from taizhang.renewal import crosschecks, selectors
from taizhang.renewal.forms.crosschecks import (
    PoliceExtractForm,
    ResolveForm,
    TaskFilterForm,
)
from taizhang.renewal.models import CrosscheckTask
from taizhang.renewal.policies import can_manage_project
from taizhang.renewal.rules import CATEGORIES, SAME

PAGE_SIZE = 50
HISTORY = 20
MY_TASKS = 10


def crosscheck(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    manager = can_manage_project(request.user, project)
    form = PoliceExtractForm(request.POST or None, request.FILES or None) if manager else None
    report = None
    if request.method == "POST":
        require(manager, "只有本单位管理员可以导入公安数据")
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = crosschecks.crosscheck_run(
                    actor=request.user, project=project, data=upload, filename=upload.name
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                if isinstance(result, ImportReport):
                    report = result
                else:
                    messages.success(request, f"已比对 {result.rows} 行公安数据，差异已生成比对任务")
                    return redirect("renewal:crosscheck", project_id=project.pk)
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
        },
    )


def crosscheck_run(request: HttpRequest, run_id: int) -> HttpResponse:
    run = crosschecks.run_or_404(request.user, run_id)
    project = run.project
    data = request.GET.copy()
    if "status" not in data and crosschecks.in_population_group(request.user, project):
        data["status"] = CrosscheckTask.Status.OPEN  # the population group opens on what is left to do
    form = TaskFilterForm(data)
    filters = form.cleaned_data if form.is_valid() else {}
    items = crosschecks.tasks(request.user, run, category=filters.get("category", ""), status=filters.get("status", ""))
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = data.copy()
    query.pop("page", None)
    latest = (
        crosschecks.runs(request.user, project).filter(withdrawn_at__isnull=True).values_list("pk", flat=True).first()
    )
    return render(
        request,
        "renewal/crosschecks/run.html",
        {
            "project": project,
            "run": run,
            "page": page,
            "form": form,
            "querystring": query.urlencode(),
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
    run = crosschecks.run_or_404(request.user, run_id)
    require(bool(run.details), "该次比对没有明细文件")
    return FileResponse(
        run.details.open("rb"),
        as_attachment=True,
        content_type=XLSX,
        filename=f"数据比对明细-{run.project.name}-{run.created_at:%Y%m%d}-{run.pk}.xlsx",
    )


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

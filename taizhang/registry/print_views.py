"""Batch printing: every household of a 村居 as one PDF, built in the background, polled by the page."""

from __future__ import annotations

from urllib.parse import quote

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_record
from taizhang.core.http import PDF, require
from taizhang.org.scoping import get_visible_or_404
from taizhang.registry.forms import PrintJobForm
from taizhang.registry.models import PrintJob
from taizhang.registry.printing import print_job_start, print_jobs_of


def print_jobs(request: HttpRequest) -> HttpResponse:
    form = PrintJobForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        job = print_job_start(
            actor=request.user, community=form.cleaned_data["community"], base_url=request.build_absolute_uri("/")
        )
        return redirect("registry:print_job", job_id=job.pk)
    context = {
        "form": form,
        "jobs": print_jobs_of(request.user)[:10],
    }
    return render(request, "registry/print_jobs.html", context)


def _own_job(request, job_id: int) -> PrintJob:
    job = get_visible_or_404(PrintJob.objects.select_related("community"), request.user, pk=job_id)
    require(job.requested_by_id == request.user.pk, "批量打印的文件只有发起人可以查看和下载")
    return job


def print_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """The job's progress; the htmx poll gets the progress card alone, and stops polling once the job has ended."""
    job = _own_job(request, job_id)
    template = "registry/_print_job.html" if request.htmx else "registry/print_job.html"
    return render(request, template, {"job": job})


def print_job_file(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _own_job(request, job_id)
    if job.status != PrintJob.Status.DONE or not job.file:
        return redirect("registry:print_job", job_id=job.pk)
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        object_type="registry.print-job",
        object_id=str(job.pk),
        object_repr=f"{job.community.name} 一户一档批量打印",
        unit_id=job.unit_id,
        community_id=job.community_id,
        changes={"下载": [None, f"{job.total} 户"]},
    )
    response = FileResponse(job.file.open("rb"), content_type=PDF)
    name = f"一户一档-{job.community.name}-{job.created_at:%Y%m%d}.pdf"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response

"""The 一户一档 as a PDF: one household's, and every household of a 村居 as one file built in the background.

There is no task queue: a batch is a PrintJob row and a thread of the web process that asked for it. The thread
writes its progress (and a heartbeat) after every household, so the page can poll it; a server restart kills the
thread, and a job whose heartbeat is older than PrintJob.STALE is then shown as 未完成 (never as running forever).
Each household's PDF is rendered on its own and appended to the file, so memory stays that of one household.
"""

from __future__ import annotations

import io
import logging
import threading

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.template.loader import render_to_string

from taizhang.audit.models import AuditEntry
from taizhang.audit.selectors import household_changes
from taizhang.audit.services import audit_record
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.documents.pdf import render_pdf
from taizhang.org.modules import record_sections
from taizhang.org.personal import disclosure
from taizhang.registry.models import Household, PrintJob

log = logging.getLogger(__name__)

KEEP = 5  # finished batches a user keeps; older files are deleted when a new batch starts


def household_members(household: Household) -> list:
    members = list(household.members.all())
    members.sort(key=lambda p: (p.status != RecordStatus.ACTIVE, p.relation != "户主", p.birth_date))
    return members


def household_pdf(user, household: Household, *, base_url: str | None) -> bytes:
    """The household's 一户一档 as the user may read it: members, the modules' sections, a short change summary."""
    changes, changes_total = household_changes(user, household)
    context = {
        "household": household,
        "members": household_members(household),
        "sections": record_sections("household", household, user, for_pdf=True),
        "personal": disclosure(user),
        "changes": changes,
        "changes_total": changes_total,
    }
    return render_pdf(render_to_string("registry/household_pdf.html", context), base_url=base_url)


def _batch_households(user, community):
    return (
        Household.objects.visible_to(user)
        .filter(community=community, status=RecordStatus.ACTIVE)
        .select_related("unit", "community", "head")
        .order_by("household_no")
    )


def print_job_start(*, actor, community, base_url: str | None = None) -> PrintJob:
    """A batch of the 村居's households the actor may see; the thread starts once the job row is committed."""
    now = clock.now()
    with transaction.atomic():
        job = PrintJob.objects.create(
            unit_id=community.parent_id,
            community=community,
            requested_by=actor,
            total=_batch_households(actor, community).count(),
            created_at=now,
            heartbeat_at=now,
        )
        audit_record(
            actor=actor,
            action=AuditEntry.Action.PRINT,
            object_type="registry.print-job",
            object_id=str(job.pk),
            object_repr=f"{community.name} 一户一档批量打印",
            unit_id=job.unit_id,
            community_id=community.pk,
            changes={"文档": [None, "一户一档 PDF（整个村居）"], "户数": [None, job.total]},
        )
        _forget_old_files(actor)
        transaction.on_commit(lambda: launch(job.pk, base_url))
    return job


def launch(job_id: int, base_url: str | None) -> None:
    thread = threading.Thread(target=_run_in_thread, args=(job_id, base_url), name=f"print-job-{job_id}", daemon=True)
    thread.start()


def _run_in_thread(job_id: int, base_url: str | None) -> None:
    try:
        print_job_run(job_id, base_url=base_url)
    finally:
        connection.close()  # the thread's own connection


def print_job_run(job_id: int, *, base_url: str | None = None) -> None:
    """Render every household into one PDF, recording progress; a failure is recorded with its reason."""
    from pypdf import PdfWriter

    job = PrintJob.objects.select_related("community", "requested_by").get(pk=job_id)
    user = job.requested_by
    try:
        writer = PdfWriter()
        for n, household in enumerate(_batch_households(user, job.community), start=1):
            writer.append(io.BytesIO(household_pdf(user, household, base_url=base_url)))
            PrintJob.objects.filter(pk=job.pk).update(done=n, heartbeat_at=clock.now())
        if not writer.pages:
            raise ValueError("该村居没有可打印的户")
        output = io.BytesIO()
        writer.write(output)
        name = f"一户一档-{job.community.name}-{clock.today():%Y%m%d}.pdf"
        job.file.save(name, ContentFile(output.getvalue()), save=False)
        PrintJob.objects.filter(pk=job.pk).update(
            file=job.file.name, status=PrintJob.Status.DONE, finished_at=clock.now()
        )
    except Exception as exc:  # a batch must end in a state the user can read, whatever went wrong
        log.exception("print job %s failed", job_id)
        reason = str(exc) if isinstance(exc, ValueError) else "生成时出错，请重新生成或联系管理员"
        PrintJob.objects.filter(pk=job.pk).update(
            status=PrintJob.Status.FAILED, error=reason[:200], finished_at=clock.now()
        )


def _forget_old_files(user) -> None:
    for job in PrintJob.objects.filter(requested_by=user).exclude(file="")[KEEP:]:
        job.file.delete(save=False)
        PrintJob.objects.filter(pk=job.pk).update(file="")


def print_jobs_of(user):
    """The user's own batches (only they may see and download them), newest first."""
    return PrintJob.objects.visible_to(user).filter(requested_by=user).select_related("community")

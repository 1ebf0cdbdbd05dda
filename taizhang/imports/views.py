"""Upload → preview (how the file was read, what it would do, every error, cells fixed in place) → confirm → the
batch, which a unit admin can undo. One set of pages for every ledger the apps declare."""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from taizhang.core.http import XLSX, download, require
from taizhang.core.pages import void_page
from taizhang.documents.importing import ImportReport, Ledger, Reading, Target
from taizhang.documents.tabular import RowError, error_workbook, normalize_header
from taizhang.imports import services
from taizhang.imports.forms import ReadingForm, UploadForm
from taizhang.imports.ledgers import all_ledgers, declared, importable, ledger_target
from taizhang.imports.models import ImportBatch, PendingImport
from taizhang.imports.templates_xlsx import template_workbook
from taizhang.org.personal import disclosure
from taizhang.org.policies import can_import, can_see_full_identity
from taizhang.org.scoping import get_visible_or_404

FIXABLE_ERRORS = 50


def index(request: HttpRequest) -> HttpResponse:
    """The ledgers the user may import, and the batches of their scope, newest first."""
    ledgers = importable(request.user)
    batches = ImportBatch.objects.visible_to(request.user).order_by("-created_at", "-pk")
    titles = {ledger.key: ledger.title for ledger in all_ledgers()}
    page = Paginator(batches, 20).get_page(request.GET.get("page"))
    for found in page.object_list:
        found.title = titles.get(found.ledger, found.ledger)
    return render(request, "imports/index.html", {"ledgers": ledgers, "page": page})


def upload(request: HttpRequest) -> HttpResponse:
    ledger, targets = _importable(request.user, request.GET.get("ledger", ""))
    chosen = request.GET.get("target", "")
    form = UploadForm(request.POST or None, request.FILES or None, targets=targets, chosen=chosen)
    if request.method == "POST" and form.is_valid():
        pending = _keep(request, ledger, form.cleaned_data["target"], form.cleaned_data["file"])
        return redirect("imports:preview", token=pending.token)
    return render(request, "imports/upload.html", {"ledger": ledger, "form": form})


def template(request: HttpRequest) -> HttpResponse:
    ledger, _ = _importable(request.user, request.GET.get("ledger", ""))
    content = ledger.template() if ledger.template else template_workbook(ledger)
    return download(content, f"{ledger.title}导入模板.xlsx", XLSX)


def preview(request: HttpRequest, token: str) -> HttpResponse:
    pending, ledger, target = _pending(request, token)
    if request.method == "POST":
        if request.POST.get("action") == "fix":
            _take_corrections(request, pending)
        else:
            _take_reading(request, pending, ledger, target)
        return redirect("imports:preview", token=token)
    report = _check(request, pending, ledger, target)
    return _preview_page(request, pending, ledger, target, report)


@require_POST
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    pending, ledger, target = _pending(request, token)
    report, batch = _run(request, pending, ledger, target, dry_run=False)
    if batch is None:
        return _preview_page(request, pending, ledger, target, report)
    Path(pending.path).unlink(missing_ok=True)
    pending.delete()
    if ledger.result_template:  # shown once, never stored: not a redirect to a page that could be reloaded
        return render(request, ledger.result_template, {"report": report, "batch": batch, "ledger": ledger})
    messages.success(request, f"导入批次 {batch.pk}：{report.summary()}")
    return redirect("imports:batch", batch_id=batch.pk)


def errors(request: HttpRequest, token: str) -> HttpResponse:
    pending, ledger, target = _pending(request, token)
    report = _check(request, pending, ledger, target)
    return download(error_workbook(report.errors), f"导入错误-{Path(pending.filename).stem}.xlsx", XLSX)


def batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    found = get_visible_or_404(ImportBatch.objects.select_related("unit"), request.user, pk=batch_id)
    ledger = declared(found.ledger)
    return render(
        request,
        "imports/batch.html",
        {
            "batch": found,
            "ledger": ledger,
            "may_undo": _may_undo(request.user, found, ledger),
            "may_download": bool(found.source) and can_see_full_identity(request.user),
        },
    )


def batch_source(request: HttpRequest, batch_id: int) -> HttpResponse:
    """The file as imported: it holds full ID numbers, so only roles that see them whole may download it (audited)."""
    found = get_visible_or_404(ImportBatch.objects.all(), request.user, pk=batch_id)
    require(can_see_full_identity(request.user), "原始文件含完整的身份证号，您的角色不能下载")
    if not found.source:
        raise Http404("这一批没有保存原始文件。")
    services.source_downloaded(batch=found, actor=request.user)
    return download(found.source.read(), found.filename, "application/octet-stream")


def batch_void(request: HttpRequest, batch_id: int) -> HttpResponse:
    found = get_visible_or_404(ImportBatch.objects.all(), request.user, pk=batch_id)
    ledger = declared(found.ledger)
    require(_may_undo(request.user, found, ledger), "只有本单位的管理员可以撤销导入批次")
    return void_page(
        request,
        title=f"撤销导入批次 {found.pk}（{ledger.title}，{found.filename}：{found.summary}）",
        void=lambda reason: services.batch_void(batch=found, actor=request.user, reason=reason),
        done_message=f"导入批次 {found.pk} 已撤销",
        done_url=reverse("imports:batch", args=[found.pk]),
    )


# --- helpers ---------------------------------------------------------------------------------------------


def _importable(user, key: str) -> tuple[Ledger, list[Target]]:
    for ledger, targets in importable(user):
        if ledger.key == key:
            return ledger, targets
    raise Http404("没有这种台账，或您无权导入。")


def _may_undo(user, batch: ImportBatch, ledger: Ledger | None) -> bool:
    return (
        ledger is not None
        and ledger.undo is not None
        and not batch.is_voided
        and can_import(user)
        and (user.is_superuser or user.unit_id == batch.unit_id)
    )


def _keep(request: HttpRequest, ledger: Ledger, target: Target, upload) -> PendingImport:
    token = uuid.uuid4().hex
    folder = Path(settings.MEDIA_ROOT) / "imports" / str(request.user.pk)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{token}{Path(upload.name).suffix.lower()[:8]}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return PendingImport.objects.create(
        token=token,
        unit=target.unit,
        user=request.user,
        ledger=ledger.key,
        target=target.key,
        filename=upload.name[:255],
        path=str(path),
    )


def _pending(request: HttpRequest, token: str) -> tuple[PendingImport, Ledger, Target]:
    pending = PendingImport.objects.filter(token=token, user=request.user).first()
    if pending is None or not Path(pending.path).exists():
        raise Http404("导入已过期，请重新上传文件。")
    ledger, target = ledger_target(request.user, pending.ledger, pending.target)
    return pending, ledger, target


def _reading(pending: PendingImport, ledger: Ledger, target: Target) -> Reading:
    return Reading(
        sheet=pending.sheet or None,
        header_row=pending.header_row,
        mapping=services.mapping_for(target.unit, ledger),
        corrections={int(row): cells for row, cells in pending.corrections.items()},
    )


def _check(request, pending: PendingImport, ledger: Ledger, target: Target) -> ImportReport:
    return _run(request, pending, ledger, target, dry_run=True)[0]


def _run(request, pending: PendingImport, ledger: Ledger, target: Target, *, dry_run: bool):
    """The file as the user chose to read it: checked only, or imported as a batch; errors masked for their role."""
    report, batch = services.import_run(
        ledger=ledger,
        actor=request.user,
        target=target,
        data=Path(pending.path),
        filename=pending.filename,
        reading=_reading(pending, ledger, target),
        dry_run=dry_run,
    )
    return _masked(request, report), batch


def _masked(request, report: ImportReport) -> ImportReport:
    """The report's cited values with the numbers the user may not read whole masked (the personal-data policy)."""
    personal = disclosure(request.user)
    report.errors = [
        RowError(e.row, e.column, personal.text(e.value), e.reason) if isinstance(e.value, str) else e
        for e in report.errors
    ]
    return report


def _take_reading(request, pending: PendingImport, ledger: Ledger, target: Target) -> None:
    unknown = request.POST.getlist("unknown")
    form = ReadingForm(request.POST, sheets=request.POST.getlist("sheets"), unknown=unknown, columns=ledger.columns)
    if not form.is_valid():
        messages.error(request, "请检查工作表、表头行和列的选择")
        return
    pending.sheet = form.cleaned_data["sheet"] or ""
    pending.header_row = form.cleaned_data["header_row"]
    pending.save(update_fields=["sheet", "header_row"])
    mapping = {normalize_header(header): column for header, column in form.mapping().items()}
    services.mapping_set(unit=target.unit, ledger=ledger, choices=mapping)
    messages.success(request, "已按您的选择重新读取文件（列的对应关系已为本单位记住，下次自动使用）")


def _take_corrections(request, pending: PendingImport) -> None:
    corrections = dict(pending.corrections)
    fixed = 0
    for key, value in request.POST.items():
        if not key.startswith("fix|"):
            continue
        _, row, column = key.split("|", 2)
        if not row.isdigit():
            continue
        corrections.setdefault(row, {})[column] = value.strip()
        fixed += 1
    pending.corrections = corrections
    pending.save(update_fields=["corrections"])
    messages.info(request, f"已改正 {fixed} 个单元格，并重新检查了整个文件")


def _preview_page(request, pending, ledger: Ledger, target: Target, report: ImportReport) -> HttpResponse:
    reading_form = ReadingForm(
        initial={"sheet": pending.sheet, "header_row": pending.header_row or report.header_row},
        sheets=report.sheet_names,
        unknown=report.unknown_columns,
        columns=ledger.columns,
    )
    fixable = [e for e in report.errors if e.row and e.column and e.column in report.columns][:FIXABLE_ERRORS]
    corrected = sum(len(cells) for cells in pending.corrections.values())
    return render(
        request,
        "imports/preview.html",
        {
            "pending": pending,
            "ledger": ledger,
            "target": target,
            "report": report,
            "reading_form": reading_form,
            "fixable": fixable,
            "corrected": corrected,
            "shown_errors": report.errors[:200],
            **_sample(report),
        },
    )


def _sample(report) -> dict:
    """The preview's first rows: as they will be stored when the ledger says so, else as read."""
    if not report.stored:
        return {
            "sample_columns": list(report.columns),
            "sample": [(row, list(zip(report.columns, values, strict=False))) for row, values in report.sample],
            "sample_stored": False,
        }
    columns = list(dict.fromkeys(column for _, values in report.stored for column in values))
    return {
        "sample_columns": columns,
        "sample": [(row, [(c, stored_text(values.get(c))) for c in columns]) for row, values in report.stored],
        "sample_stored": True,
    }


def stored_text(value) -> str:
    """A stored value as the preview shows it."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return "、".join(stored_text(v) for v in value)
    if hasattr(value, "full_name"):
        return value.full_name or value.username
    return str(value)

"""After the event: the report page (figures, results, sales, photos, the brief; as Excel and PDF), finishing and
reopening the event, a game's places, vendors' sales, the photos."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.core.forms import download_format
from taizhang.core.http import PDF, XLSX, download, require
from taizhang.core.pages import refusal, void_page
from taizhang.events import policies, report_documents, selectors, selectors_report
from taizhang.events import report as services
from taizhang.events.forms_report import BriefForm, FinishForm, PhotoUploadForm, ResultsForm, SalesForm
from taizhang.events.models.report import REPORT_PHOTOS

RESULT_ROWS = 3


def _planner(request, event) -> None:
    require(policies.can_plan(request.user, event.unit_id), "只有本单位管理员和组长可以处理活动总结")


def _back(event) -> HttpResponse:
    return redirect("events:report", event.pk)


def _act(request, act, done: str) -> bool:
    try:
        act()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, refusal(exc))
        return False
    messages.success(request, done)
    return True


def report_page(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    found = selectors_report.report(event)
    picked = [p for p in selectors_report.photos(event) if p.in_report]
    fmt = download_format(request.GET, "xlsx", "pdf")
    if fmt == "xlsx":
        return download(report_documents.workbook(found), f"{event.name}-活动报告.xlsx", XLSX)
    if fmt == "pdf":
        content = report_documents.pdf(found, picked, base_url=request.build_absolute_uri("/"))
        return download(content, f"{event.name}-活动报告.pdf", PDF)
    context = {
        "event": event,
        "report": found,
        "picked": picked,
        "plans": policies.can_plan(request.user, event.unit_id),
        "edited": bool(found.closing and found.closing.brief),
    }
    return render(request, "events/report.html", context)


def finish(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    _planner(request, event)
    if event.finished:
        return _back(event)
    found = selectors_report.report(event)
    form = FinishForm(request.POST or None, counted=found.counted)
    if request.method == "POST" and form.is_valid():
        crowd = form.cleaned_data["crowd"]
        _act(request, lambda: services.event_finish(actor=request.user, event=event, crowd=crowd), "活动已结束")
        return _back(event)
    rows = [f"{r.session.name}：报名 {r.confirmed}，签到 {r.checked_in}" for r in found.rows]
    context = {
        "title": f"结束活动：{event.name}",
        "explain": "结束后活动不再接受报名与签到，报告和简报按下面的参与人次生成；如有误可重新开启（需填写原因）。",
        "rows": rows,
        "form": form,
    }
    return render(request, "confirm.html", context)


def reopen(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    _planner(request, event)
    if not event.finished:
        return _back(event)
    return void_page(
        request,
        title=f"重新开启活动：{event.name}",
        void=lambda reason: services.event_reopen(actor=request.user, event=event, reason=reason),
        done_message="活动已重新开启",
        done_url=reverse("events:report", args=[event.pk]),
    )


def results(request: HttpRequest, game_session_id: int) -> HttpResponse:
    session = selectors_report.game_or_404(request.user, game_session_id)
    event = session.event
    _planner(request, event)
    current = list(session.results.all())
    rows = max([RESULT_ROWS] + [r.place for r in current])
    if request.method == "POST" and request.POST.get("more"):
        rows += 1
    form = ResultsForm(
        request.POST or None, rows=rows, entrants=selectors_report.entrant_choices(session), results=current
    )
    if request.method == "POST" and not request.POST.get("more") and form.is_valid():
        placings = form.placings()
        if _act(
            request,
            lambda: services.results_set(actor=request.user, session=session, placings=placings),
            f"{session.name}的成绩已保存",
        ):
            return _back(event)
    return render(request, "events/report_results.html", {"event": event, "session": session, "form": form})


def sales(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    _planner(request, event)
    form = SalesForm(request.POST or None, vendors=selectors_report.reporting_vendors(event))
    if request.method == "POST" and form.is_valid():
        amounts = form.amounts()

        def save():
            for vendor, amount in amounts:
                services.sales_set(actor=request.user, vendor=vendor, sales=amount)

        if _act(request, save, "摊主销售额已保存"):
            return _back(event)
    return render(request, "events/report_sales.html", {"event": event, "form": form})


def photos(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    plans = policies.can_plan(request.user, event.unit_id)
    form = PhotoUploadForm()
    if request.method == "POST":
        _planner(request, event)
        if "pick" in request.POST:
            ids = {int(v) for v in request.POST.getlist("picked") if v.isdigit()}
            _act(
                request, lambda: services.photos_pick(actor=request.user, event=event, photo_ids=ids), "报告照片已选定"
            )
            return redirect("events:photos", event.pk)
        form = PhotoUploadForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data

            def upload():
                services.photos_add(actor=request.user, event=event, photos=data["photos"], caption=data["caption"])

            if _act(request, upload, "照片已上传"):
                return redirect("events:photos", event.pk)
    context = {
        "event": event,
        "photos": selectors_report.photos(event),
        "form": form,
        "plans": plans,
        "most": REPORT_PHOTOS,
    }
    return render(request, "events/report_photos.html", context)


def photo_image(request: HttpRequest, event_photo_id: int) -> FileResponse:
    photo = selectors_report.photo_or_404(request.user, event_photo_id)
    return FileResponse(photo.image.open("rb"), content_type="image/jpeg")


def photo_thumb(request: HttpRequest, event_photo_id: int) -> FileResponse:
    photo = selectors_report.photo_or_404(request.user, event_photo_id)
    return FileResponse(photo.thumb.open("rb"), content_type="image/jpeg")


def photo_void(request: HttpRequest, event_photo_id: int) -> HttpResponse:
    photo = selectors_report.photo_or_404(request.user, event_photo_id)
    _planner(request, photo.event)
    return void_page(
        request,
        title=f"删除照片：{photo}",
        void=lambda reason: services.photo_void(actor=request.user, photo=photo, reason=reason),
        done_message="照片已删除",
        done_url=reverse("events:photos", args=[photo.event_id]),
    )


def brief(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_or_404(request.user, event_id)
    _planner(request, event)
    found = selectors_report.report(event)
    form = BriefForm(request.POST or None, initial={"text": found.brief})
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        if text.strip() == found.generated:
            text = ""
        if _act(request, lambda: services.brief_set(actor=request.user, event=event, text=text), "简报已保存"):
            return _back(event)
    context = {"event": event, "form": form, "generated": found.generated}
    return render(request, "events/report_brief.html", context)

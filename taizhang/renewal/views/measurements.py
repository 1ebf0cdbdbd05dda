"""Pages of the measurement ledger (测量): the ledger of courtyards and factories, a site with its history, the phone
form that records a measurement. The old ledgers are imported through the kernel's import pages."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.core import clock
from taizhang.core.forms import download_format
from taizhang.core.http import XLSX, download, require
from taizhang.core.listing import chip, list_response, paginate
from taizhang.core.pages import refusal, void_page
from taizhang.documents.tabular import write_xlsx
from taizhang.org.scoping import get_visible_or_404, scoped_image
from taizhang.renewal import measurements as service
from taizhang.renewal import rules, selectors
from taizhang.renewal import sites as site_service
from taizhang.renewal.forms.lists import SiteFilterForm
from taizhang.renewal.forms.measurements import (
    AttachmentFormSet,
    BuildingFormSet,
    MeasurementForm,
    PhotosForm,
    SiteForm,
)
from taizhang.renewal.models import Measurement, MeasurementPhoto, ProjectGroup, ProjectHousehold, Site
from taizhang.renewal.policies import FIELD_ROLES, can_manage_project, can_record

LEDGER_COLUMNS = [
    "户编号",
    "户主",
    "编号",
    "村居",
    "类型",
    "结构",
    "建筑面积",
    "占地面积",
    "测量日期",
    "测量人",
    "异常",
]


def _ledger_rows(sites):
    for site in sites:
        current = selectors.current_of(site)
        owners = list(site.owners.all())
        yield [
            "、".join(o.household.household_no for o in owners) or site.enterprise,
            "、".join(o.household.head.name for o in owners if o.household.head) or site.enterprise,
            site.number,
            site.community.name,
            site.get_kind_display(),
            "、".join(dict.fromkeys(b.structure for b in current.buildings.all())) if current else "",
            site.floor_area,
            site.site_area,
            current.measured_on if current else None,
            selectors.measurer_text(current) if current else "",
            "；".join(current.flag_list) if current else "",
        ]


def site_list(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    form = SiteFilterForm(request, project, my_group=True)
    filters = form.filters()
    sites = selectors.site_list(
        request.user,
        project,
        community_id=filters.get("community"),
        group_id=filters["group"],
        kind=filters["kind"],
        measured=filters["measured"],
        flagged=bool(filters["flagged"]),
        query=filters["q"],
    )
    if download_format(request.GET, "xlsx"):
        stream = io.BytesIO()
        write_xlsx(stream, LEDGER_COLUMNS, _ledger_rows(sites), sheet_title="测量台账", text_columns=["户编号", "编号"])
        return download(stream.getvalue(), f"测量台账-{project.name}-{clock.today():%Y%m%d}.xlsx", XLSX)
    page = paginate(request, sites)
    rows = []
    for site in page:
        current = selectors.current_of(site)
        rows.append(
            {
                "site": site,
                "current": current,
                "owners": list(site.owners.all()),
                "measurers": selectors.measurer_text(current) if current else "",
                "remeasure": bool(current and rules.needs_remeasure(current.flag_list)),
            }
        )
    counts = selectors.site_counts(request.user, project)
    context = {
        "project": project,
        "filter_form": form,
        "rows": rows,
        "page": page,
        "group_name": dict(form.fields["group"].choices).get(filters["group"], ""),
        "counts": counts,
        "chips": [
            chip(request.GET, "未测量", measured="no"),
            chip(request.GET, "有异常", flagged="on"),
        ],
        "can_record": can_record(request.user, project),
        "can_import": can_manage_project(request.user, project),
    }
    return list_response(
        request, "renewal/measurements/site_list.html", "renewal/measurements/_site_rows.html", context
    )


def site_new(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_or_404(request.user, project_id)
    require(can_record(request.user, project))
    form = SiteForm(request.POST or None, project=project, initial={"kind": request.GET.get("kind", "courtyard")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        numbers = [n for n in selectors.SEPARATORS.split(data["owners"]) if n]
        owners = list(
            ProjectHousehold.objects.visible_to(request.user)
            .filter(project=project, household__household_no__in=numbers)
            .select_related("household")
        )
        missing = sorted(set(numbers) - {o.household.household_no for o in owners})
        if missing:
            form.add_error("owners", f"{'、'.join(missing)}不在本项目征收范围内（或不在您的工作范围内）")
        else:
            try:
                site = site_service.site_create(
                    actor=request.user,
                    project=project,
                    kind=data["kind"],
                    number=data["number"],
                    community=data["community"],
                    owners=owners,
                    enterprise=data["enterprise"],
                    land_type=data["land_type"],
                    address=data["address"],
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, f"{site}已登记，可以开始测量")
                return redirect("renewal:site_detail", site_id=site.pk)
    return render(request, "renewal/measurements/site_form.html", {"project": project, "form": form})


def site_detail(request: HttpRequest, site_id: int) -> HttpResponse:
    site = selectors.site_or_404(request.user, site_id)
    history = list(selectors.site_measurements(site))
    for m in history:
        m.measurer_display = selectors.measurer_text(m)
    current = next((m for m in history if m.is_current and not m.is_voided), None)
    return render(
        request,
        "renewal/measurements/site_detail.html",
        {
            "project": site.project,
            "site": site,
            "current": current,
            "history": history,
            "owners": site.owners.select_related("household__head").order_by("household__household_no"),
            "remeasure": bool(current and rules.needs_remeasure(current.flag_list)),
            "can_record": can_record(request.user, site.project),
            "can_void": can_manage_project(request.user, site.project) and not site.is_voided,
        },
    )


def _staff(user, project):
    """A measurer chooses among their own group's staff; someone outside every regional group (the unit admin)
    among the unit's field staff."""
    groups = [g for g in selectors.groups_of(user, project) if g.kind == ProjectGroup.Kind.REGIONAL]
    if groups:
        return selectors.group_staff(groups)
    return selectors.unit_staff(project).filter(role__in=FIELD_ROLES)


def measurement_new(request: HttpRequest, site_id: int) -> HttpResponse:
    """The phone form: date, the two measuring staff, the buildings and attachments, the owner's confirmation,
    the sketch and the photos."""
    site = selectors.site_or_404(request.user, site_id)
    require(can_record(request.user, site.project))
    staff = _staff(request.user, site.project)
    post, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = MeasurementForm(
        post,
        files,
        staff=staff,
        initial={"measurer_1": request.user.pk if staff.filter(pk=request.user.pk).exists() else None},
    )
    use = "厂房" if site.kind == Site.Kind.FACTORY else "住宅"
    buildings = BuildingFormSet(post, prefix="b", initial=[{"use": use, "label": "主房"}])
    attachments = AttachmentFormSet(post, prefix="a")
    photos = PhotosForm(post, files)
    if request.method == "POST" and all(
        [form.is_valid(), buildings.is_valid(), attachments.is_valid(), photos.is_valid()]
    ):
        data = form.cleaned_data
        try:
            m = service.measurement_record(
                actor=request.user,
                site=site,
                measured_on=data["measured_on"],
                measurers=[data["measurer_1"], data["measurer_2"]],
                buildings=[service.BuildingIn(**b) for b in buildings.cleaned_data if b],
                attachments=[service.AttachmentIn(**a) for a in attachments.cleaned_data if a],
                site_area=data["site_area"],
                owner_confirmation=data["owner_confirmation"],
                sketch=data["sketch"],
                photos=photos.cleaned_data["photos"],
                note=data["note"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            if m.flag_list:
                messages.warning(request, "测量已登记，但有异常提示：" + "；".join(m.flag_list))
            else:
                messages.success(request, "测量已登记")
            return redirect("renewal:site_detail", site_id=site.pk)
    return render(
        request,
        "renewal/measurements/measurement_form.html",
        {
            "project": site.project,
            "site": site,
            "form": form,
            "buildings": buildings,
            "attachments": attachments,
            "photos": photos,
        },
    )


def measurement_detail(request: HttpRequest, measurement_id: int) -> HttpResponse:
    m = selectors.measurement_or_404(request.user, measurement_id)
    return render(
        request,
        "renewal/measurements/measurement_detail.html",
        {
            "project": m.site.project,
            "site": m.site,
            "m": m,
            "measurers": selectors.measurer_text(m),
            "remeasure": rules.needs_remeasure(m.flag_list),
            "may_void": service.may_void(request.user, m),
        },
    )


def measurement_void(request: HttpRequest, measurement_id: int) -> HttpResponse:
    m = selectors.measurement_or_404(request.user, measurement_id)
    return void_page(
        request,
        title=f"作废测量记录（{m.site} {m.measured_on:%Y-%m-%d}）",
        done_message="测量记录已作废",
        void=lambda reason: service.measurement_void(actor=request.user, measurement=m, reason=reason),
        done_url=reverse("renewal:site_detail", args=[m.site_id]),
    )


def site_void(request: HttpRequest, site_id: int) -> HttpResponse:
    site = selectors.site_or_404(request.user, site_id)
    require(can_manage_project(request.user, site.project), "只有本单位管理员可以作废院落/厂房")
    return void_page(
        request,
        title=f"作废{site}（录错的院落/厂房）",
        done_message=f"{site}已作废",
        void=lambda reason: site_service.site_void(actor=request.user, site=site, reason=reason),
        done_url=reverse("renewal:site_detail", args=[site.pk]),
    )


def measurement_photo(request: HttpRequest, measurement_photo_id: int) -> FileResponse:
    return scoped_image(request, MeasurementPhoto.objects.all(), measurement_photo_id)


def _measurement_image(request, measurement_id: int, field: str) -> FileResponse:
    m = get_visible_or_404(Measurement.objects.all(), request.user, pk=measurement_id)
    image = getattr(m, field)
    if not image:
        raise Http404("没有上传")
    return FileResponse(image.open("rb"), content_type="image/jpeg")


def measurement_confirmation(request: HttpRequest, measurement_id: int) -> FileResponse:
    return _measurement_image(request, measurement_id, "owner_confirmation")


def measurement_sketch(request: HttpRequest, measurement_id: int) -> FileResponse:
    return _measurement_image(request, measurement_id, "sketch")

"""A staff member's file (人员档案): the account's basics and what the user's modules add to it through the
record-section hook (`Section("staff", …)`), on a page and as a printable PDF. The kernel names no module: each
section decides what the viewer may read of it.

Who may open it: the person, their unit's admin, district roles (and a superuser), and those a module's section
vouches for (`Section.readers`: the assessment committee); another unit's staff get a 404, the person's colleagues
a 403."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_record
from taizhang.core.http import PDF, require
from taizhang.documents.pdf import render_pdf
from taizhang.org.models import DISTRICT_ROLES, Role, User
from taizhang.org.modules import record_sections, section_readers_admit
from taizhang.org.scoping import get_visible_or_404


def may_open(viewer, person: User) -> bool:
    if not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.pk == person.pk or viewer.is_superuser or viewer.role in DISTRICT_ROLES:
        return True
    if viewer.role == Role.UNIT_ADMIN and viewer.unit_id is not None and viewer.unit_id == person.unit_id:
        return True
    return section_readers_admit("staff", person, viewer)


def _person(request: HttpRequest, user_id: int) -> User:
    person = get_visible_or_404(User.objects.select_related("node", "unit"), request.user, pk=user_id)
    require(may_open(request.user, person), "只有本人、本单位管理员、考核委员会和区级人员可以查看人员档案")
    return person


def staff_file(request: HttpRequest, user_id: int) -> HttpResponse:
    person = _person(request, user_id)
    sections = record_sections("staff", person, request.user)
    return render(request, "staff/staff_file.html", {"person": person, "sections": sections})


def staff_file_pdf(request: HttpRequest, user_id: int) -> HttpResponse:
    person = _person(request, user_id)
    context = {"person": person, "sections": record_sections("staff", person, request.user, for_pdf=True)}
    pdf = render_pdf(render_to_string("staff/staff_file_pdf.html", context), base_url=request.build_absolute_uri("/"))
    audit_record(
        actor=request.user,
        action=AuditEntry.Action.PRINT,
        object_type="org.user",
        object_id=str(person.pk),
        object_repr=f"人员档案 {person.full_name or person.username}",
        unit_id=person.unit_id,
        changes={"文档": [None, "人员档案 PDF"]},
    )
    response = HttpResponse(pdf, content_type=PDF)
    response["Content-Disposition"] = f'inline; filename="staff-{person.username}.pdf"'
    return response

"""Pages of the 一户一档 archive audit: progress by village and the findings; a household's archive."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from taizhang.assistance import archives
from taizhang.assistance.forms.archives import (
    ArchiveItemForm,
    ArchiveRecordForm,
    AssignGroupForm,
    DocumentForm,
    FindingFilterForm,
)
from taizhang.assistance.models import ArchiveDocument, ArchiveFinding, ArchiveItem, ArchiveRecord, AssistedHousehold
from taizhang.assistance.policies import is_unit_admin_of
from taizhang.core.pages import cleaned, run_action
from taizhang.org.models import OrgNode
from taizhang.org.scoping import get_visible_or_404

PAGE_SIZE = 100


def archive_index(request: HttpRequest) -> HttpResponse:
    unit_id = request.user.unit_id
    admin = unit_id is not None and is_unit_admin_of(request.user, unit_id)
    action = request.POST.get("action")
    forms = {}
    if admin:
        archives.ensure_items(unit_id)
        forms = {
            "assign": AssignGroupForm(request.POST if action == "assign" else None, unit_id=unit_id),
            "item": ArchiveItemForm(request.POST if action == "item" else None),
        }
    if request.method == "POST" and admin:
        unit = request.user.unit

        def assign():
            data = cleaned(forms["assign"])
            count = archives.findings_assign(
                actor=request.user,
                unit=unit,
                group=data["group"],
                community_id=data["community"].pk if data["community"] else None,
            )
            return f"{count} 处交{data['group'].name}整改"

        done = run_action(
            request,
            {
                "check": lambda: archives.archive_check(actor=request.user, unit=unit).summary(),
                "assign": assign,
                "item": lambda: archives.item_add(actor=request.user, unit_id=unit_id, **cleaned(forms["item"])),
            },
            reverse("assistance:archive_list"),
        )
        if done:
            return done
    findings = (
        ArchiveFinding.objects.visible_to(request.user)
        .filter(fixed_at__isnull=True)
        .select_related("assisted__household", "community", "group")
    )
    filter_form = FindingFilterForm(request.GET)
    filters = filter_form.cleaned_data if filter_form.is_valid() else {}
    if filters.get("kind"):
        findings = findings.filter(kind=filters["kind"])
    if filters.get("community") is not None:
        findings = findings.filter(community_id=filters["community"])
    node = request.user.node
    if node is not None and node.kind == OrgNode.Kind.WORKGROUP and filters.get("mine"):
        findings = findings.filter(group=node)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assistance/archive_list.html",
        {
            "progress": archives.progress_by_community(request.user),
            "forms": forms,
            "admin": admin,
            "page": Paginator(findings, PAGE_SIZE).get_page(request.GET.get("page")),
            "querystring": query.urlencode(),
            "items": ArchiveItem.objects.visible_to(request.user),
            "can_manage": admin,
            "in_group": node is not None and node.kind == OrgNode.Kind.WORKGROUP,
            "communities": OrgNode.objects.visible_to(request.user)
            .filter(kind=OrgNode.Kind.COMMUNITY)
            .order_by("path"),
        },
    )


def household_archive(request: HttpRequest, assisted_id: int) -> HttpResponse:
    assisted = get_visible_or_404(AssistedHousehold.objects.select_related("household"), request.user, pk=assisted_id)
    archives.ensure_items(assisted.unit_id)
    record = ArchiveRecord.objects.filter(assisted=assisted).first()
    action = request.POST.get("action")
    record_form = ArchiveRecordForm(
        request.POST if action == "record" else None,
        initial={
            "family_size": record.family_size if record else None,
            "account_holder": record.account_holder if record else "",
        },
    )
    document_form = DocumentForm(
        request.POST if action == "document" else None,
        request.FILES if action == "document" else None,
        unit_id=assisted.unit_id,
    )
    if request.method == "POST":

        def fix():
            finding = get_visible_or_404(
                ArchiveFinding.objects.filter(assisted=assisted), request.user, pk=request.POST.get("finding") or 0
            )
            archives.finding_fix(actor=request.user, finding=finding, note=request.POST.get("note", ""))

        done = run_action(
            request,
            {
                "record": lambda: archives.record_update(actor=request.user, assisted=assisted, **cleaned(record_form)),
                "document": lambda: archives.document_upload(
                    actor=request.user, assisted=assisted, **cleaned(document_form)
                ),
                "fix": fix,
            },
            reverse("assistance:household_archive", args=[assisted.pk]),
        )
        if done:
            return done
    documents = assisted.archive_documents.select_related("item", "uploaded_by").order_by("item__order", "-created_at")
    items = [
        {"item": item, "documents": [d for d in documents if d.item_id == item.pk]}
        for item in ArchiveItem.objects.filter(unit_id=assisted.unit_id)
    ]
    return render(
        request,
        "assistance/household_archive.html",
        {
            "assisted": assisted,
            "record_form": record_form,
            "document_form": document_form,
            "items": items,
            "findings": assisted.archive_findings.select_related("fixed_by", "group").order_by(
                "fixed_at", "kind", "id"
            ),
        },
    )


def archive_document(request: HttpRequest, document_id: int) -> FileResponse:
    document = get_visible_or_404(ArchiveDocument.objects.all(), request.user, pk=document_id)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.file.name.rsplit("/", 1)[-1])

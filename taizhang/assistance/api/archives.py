"""/api/assistance/archive-findings: the archive audit's open findings and their fixes."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema

from taizhang.assistance import archives
from taizhang.assistance.models import ArchiveFinding
from taizhang.org.scoping import get_visible_or_404

router = Router(tags=["帮扶"])


class FindingOut(Schema):
    id: int
    assisted_id: int
    household_no: str
    kind: str
    item: str
    detail: str
    group: str | None
    fixed_at: datetime | None


class FixIn(Schema):
    note: str = ""


def _finding_out(f: ArchiveFinding) -> dict:
    return {
        "id": f.pk,
        "assisted_id": f.assisted_id,
        "household_no": f.assisted.household.household_no,
        "kind": f.kind,
        "item": f.item,
        "detail": f.detail,
        "group": f.group.name if f.group else None,
        "fixed_at": f.fixed_at,
    }


@router.get("/archive-findings", response=list[FindingOut])
def list_findings(request, open_only: bool = True):
    findings = ArchiveFinding.objects.visible_to(request.user).select_related("assisted__household", "group")
    if open_only:
        findings = findings.filter(fixed_at__isnull=True)
    return [_finding_out(f) for f in findings[:1000]]


@router.post("/archive-findings/{finding_id}/fix", response=FindingOut)
def fix_finding(request, finding_id: int, payload: FixIn):
    finding = get_visible_or_404(
        ArchiveFinding.objects.select_related("assisted__household", "group"), request.user, pk=finding_id
    )
    return _finding_out(archives.finding_fix(actor=request.user, finding=finding, note=payload.note))

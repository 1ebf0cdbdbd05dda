"""Projects, their groups and red-line households."""

from __future__ import annotations

from datetime import date

from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from taizhang.registry.models import Household
from taizhang.renewal import red_line, selectors
from taizhang.renewal.models import FreezeNotice, Project, ProjectHousehold

router = Router(tags=["棚改旧改"])


class GroupOut(Schema):
    id: int
    name: str
    kind: str
    communities: list[str]
    blocks: str
    leader: str
    members: list[str]


class ProjectOut(Schema):
    id: int
    name: str
    unit: str
    communities: list[str]
    start_date: date
    freeze_date: date
    publicity_days: int


class ProjectDetailOut(ProjectOut):
    groups: list[GroupOut]


class EntryOut(Schema):
    id: int
    household_id: int
    household_no: str
    head: str
    community: str
    group: str
    source: str
    measured_on: date | None
    determined_on: date | None


class EntryIn(Schema):
    household_no: str


def _project(project: Project) -> dict:
    return {
        "id": project.pk,
        "name": project.name,
        "unit": project.unit.name,
        "communities": [c.name for c in project.communities.all()],
        "start_date": project.start_date,
        "freeze_date": project.freeze_date,
        "publicity_days": project.publicity_days,
    }


def _entry(entry: ProjectHousehold) -> dict:
    head = entry.household.head
    return {
        "id": entry.pk,
        "household_id": entry.household_id,
        "household_no": entry.household.household_no,
        "head": head.name if head else "",
        "community": entry.community.name,
        "group": entry.group.name if entry.group else "",
        "source": entry.get_source_display(),
        "measured_on": entry.measured_on,
        "determined_on": entry.determined_on,
    }


@router.get("/projects", response=list[ProjectOut])
def list_projects(request):
    return [_project(p) for p in selectors.project_list(request.user)]


@router.get("/projects/{project_id}", response=ProjectDetailOut)
def get_project(request, project_id: int):
    project = selectors.project_or_404(request.user, project_id)
    groups = project.groups.select_related("leader").prefetch_related("communities", "members")
    return {
        **_project(project),
        "groups": [
            {
                "id": g.pk,
                "name": g.name,
                "kind": g.kind,
                "communities": [c.name for c in g.communities.all()],
                "blocks": g.blocks,
                "leader": str(g.leader or ""),
                "members": [str(u) for u in g.members.all()],
            }
            for g in groups
        ],
    }


@router.get("/projects/{project_id}/households", response=list[EntryOut])
@paginate(PageNumberPagination, page_size=100)
def list_entries(request, project_id: int, community: int | None = None, group: int | None = None):
    rows = selectors.entries(request.user, selectors.project_or_404(request.user, project_id))
    if community:
        rows = rows.filter(community_id=community)
    if group:
        rows = rows.filter(group_id=group)
    return [_entry(e) for e in rows]


@router.post("/projects/{project_id}/households", response={201: EntryOut})
def add_entry(request, project_id: int, payload: EntryIn):
    project = selectors.project_or_404(request.user, project_id)
    household = Household.objects.visible_to(request.user).filter(household_no=payload.household_no.strip()).first()
    if household is None:
        raise HttpError(400, "本单位户籍台账中没有这个户编号")
    entry = red_line.household_add(actor=request.user, project=project, household=household)
    return Status(201, _entry(selectors.entry_or_404(request.user, entry.pk)))


class FreezeNoticeOut(Schema):
    issued_on: date
    freeze_date: date
    scope: str
    text: str


@router.get("/projects/{project_id}/freeze-notice", response=FreezeNoticeOut)
def get_freeze_notice(request, project_id: int):
    project = selectors.project_or_404(request.user, project_id)
    notice = FreezeNotice.objects.filter(project=project).first()
    if notice is None:
        raise HttpError(404, "该项目还没有发布冻结公告")
    return {
        "issued_on": notice.issued_on,
        "freeze_date": project.freeze_date,
        "scope": notice.scope,
        "text": notice.text,
    }

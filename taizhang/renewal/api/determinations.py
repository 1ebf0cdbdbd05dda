"""/api/renewal/: population determination, publicity and objections (the pages' selectors and services)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from taizhang.core import clock
from taizhang.core.personal import Disclosure
from taizhang.core.rules import age_on
from taizhang.org.personal import disclosure
from taizhang.renewal import determinations, publicity, selectors
from taizhang.renewal.models import Determination, Objection, Verdict

router = Router(tags=["棚改旧改"])
LISTED = 2000


class DeterminationOut(Schema):
    id: int
    entry_id: int
    household_no: str
    person_id: int
    name: str
    id_number: str
    verdict: str
    reason: str
    registered_on: date | None
    left_on: date | None
    left_for: str
    resident: bool
    married_in_on: date | None
    decided_on: date
    decided_by: str | None
    source: str
    is_current: bool


class ProjectPersonOut(Schema):
    person_id: int
    name: str
    relation: str
    id_number: str
    birth_date: date | None  # only for a role that reads ID numbers whole; the others read the age
    age: int
    life_status: str
    current: DeterminationOut | None
    history: list[DeterminationOut]


class ProjectHouseholdOut(Schema):
    entry_id: int
    household_no: str
    head: str
    community: str
    determined_on: date | None
    publicity_status: str
    persons: list[ProjectPersonOut]


class FactsIn(Schema):
    person_id: int
    registered_on: date | None = None
    left_on: date | None = None
    left_for: str = ""
    resident: bool = True
    married_in_on: date | None = None
    decided_on: date | None = None


class DeterminationLineOut(Schema):
    entry_id: int
    household_no: str
    head_name: str
    sites: str
    floor_area: Decimal
    site_area: Decimal
    counted_persons: int
    status: str


class PublicityOut(Schema):
    id: int
    community: str
    starts_on: date
    ends_on: date
    window: str
    lines: list[DeterminationLineOut] | None = None


class PublicityIn(Schema):
    community_id: int
    starts_on: date


class ObjectionOut(Schema):
    id: int
    publicity_id: int
    entry_id: int
    household_no: str
    submitted_by: str
    received_on: date
    content: str
    status: str
    outcome: str
    answer: str
    answered_on: date | None


class ObjectionIn(Schema):
    entry_id: int
    submitted_by: str
    received_on: date
    content: str


class AnswerIn(Schema):
    # Defaults so that the scope answers before the body's validation (the service refuses an empty answer).
    answer: str = ""
    outcome: str = ""  # 维持原结果 / 已更正
    answered_on: date | None = None


def _determination_out(d: Determination, personal: Disclosure, household_no: str) -> dict:
    return {
        "id": d.pk,
        "entry_id": d.entry_id,
        "household_no": household_no,
        "person_id": d.person_id,
        "name": d.name,
        "id_number": personal.id_number(d.id_number),
        "verdict": d.verdict,
        "reason": personal.text(d.reason),
        "registered_on": d.registered_on,
        "left_on": d.left_on,
        "left_for": d.left_for,
        "resident": d.resident,
        "married_in_on": d.married_in_on,
        "decided_on": d.decided_on,
        "decided_by": str(d.decided_by) if d.decided_by_id else None,
        "source": d.source,
        "is_current": d.is_current,
    }


def _household_out(request, entry) -> dict:
    personal = disclosure(request.user)
    no = entry.household.household_no
    return {
        "entry_id": entry.pk,
        "household_no": no,
        "head": entry.household.head.name if entry.household.head else "",
        "community": entry.community.name,
        "determined_on": entry.determined_on,
        "publicity_status": publicity.statuses([entry.pk])[entry.pk],
        "persons": [
            {
                "person_id": row.person.pk,
                "name": row.person.name,
                "relation": row.person.relation,
                "id_number": personal.id_number(row.person.id_number),
                "birth_date": row.person.birth_date if personal.birth_date_shown else None,
                "age": age_on(row.person.birth_date, clock.today()),
                "life_status": row.person.life_status,
                "current": _determination_out(row.current, personal, no) if row.current else None,
                "history": [_determination_out(d, personal, no) for d in row.history],
            }
            for row in selectors.member_rows(entry)
        ],
    }


@router.get("/projects/{project_id}/determinations", response=list[DeterminationOut])
def list_determinations(request, project_id: int, community: int | None = None, verdict: Verdict | None = None):
    """The current determination of every person the caller sees in the project (filters: 村居, 界定结果)."""
    project = selectors.project_or_404(request.user, project_id)
    personal = disclosure(request.user)
    items = selectors.determination_list(request.user, project, community_id=community, verdict=verdict or "")[:LISTED]
    return [_determination_out(d, personal, d.entry.household.household_no) for d in items]


@router.get("/households/{entry_id}/determinations", response=ProjectHouseholdOut)
def household_determinations(request, entry_id: int):
    """A household's registry members, each with its current determination and the earlier ones."""
    return _household_out(request, selectors.entry_or_404(request.user, entry_id))


@router.post("/households/{entry_id}/determinations", response={201: DeterminationOut})
def record_determination(request, entry_id: int, payload: FactsIn):
    """Record one person's facts; the verdict and reason are the project's rules'."""
    entry = selectors.entry_or_404(request.user, entry_id)
    row = next(
        (
            r
            for r in selectors.member_rows(entry)
            if r.person.pk == payload.person_id and r.person.household_id == entry.household_id
        ),
        None,
    )
    if row is None:
        raise HttpError(400, "该人员不是本户的在册成员")
    facts = payload.dict(exclude={"person_id"})
    d = determinations.determination_record(actor=request.user, entry=entry, person=row.person, **facts)
    return Status(201, _determination_out(d, disclosure(request.user), entry.household.household_no))


def _publicity_out(item, lines=None) -> dict:
    out = {
        "id": item.pk,
        "community": item.community.name,
        "starts_on": item.starts_on,
        "ends_on": item.ends_on,
        "window": publicity.window_status(item, clock.today()),
    }
    if lines is not None:
        shown = publicity.statuses([line.entry_id for line in lines])
        out["lines"] = [
            {
                "entry_id": line.entry_id,
                "household_no": line.entry.household.household_no,
                "head_name": line.head_name,
                "sites": line.sites,
                "floor_area": line.floor_area,
                "site_area": line.site_area,
                "counted_persons": line.counted_persons,
                "status": shown[line.entry_id],
            }
            for line in lines
        ]
    return out


def _objection_out(o: Objection) -> dict:
    return {
        "id": o.pk,
        "publicity_id": o.publicity_id,
        "entry_id": o.entry_id,
        "household_no": o.entry.household.household_no,
        "submitted_by": o.submitted_by,
        "received_on": o.received_on,
        "content": o.content,
        "status": o.status,
        "outcome": o.outcome,
        "answer": o.answer,
        "answered_on": o.answered_on,
    }


@router.get("/projects/{project_id}/publicities", response=list[PublicityOut])
def list_publicities(request, project_id: int):
    project = selectors.project_or_404(request.user, project_id)
    return [_publicity_out(p) for p in publicity.publicity_list(request.user, project)]


@router.post("/projects/{project_id}/publicities", response={201: PublicityOut})
def create_publicity(request, project_id: int, payload: PublicityIn):
    """Post a community's results (unit admin); the window is the project's publicity days from starts_on."""
    project = selectors.project_or_404(request.user, project_id)
    community = project.communities.filter(pk=payload.community_id).first()
    if community is None:
        raise HttpError(400, "该村居不在本项目涉及的村居内")
    posted = publicity.publicity_create(
        actor=request.user, project=project, community=community, starts_on=payload.starts_on
    )
    posted = publicity.publicity_or_404(request.user, posted.pk)
    return Status(201, _publicity_out(posted, list(posted.lines.select_related("entry__household"))))


@router.get("/publicities/{publicity_id}", response=PublicityOut)
def get_publicity(request, publicity_id: int):
    posted = publicity.publicity_or_404(request.user, publicity_id)
    return _publicity_out(posted, list(posted.lines.select_related("entry__household")))


@router.get("/publicities/{publicity_id}/objections", response=list[ObjectionOut])
def list_objections(request, publicity_id: int):
    posted = publicity.publicity_or_404(request.user, publicity_id)
    return [_objection_out(o) for o in posted.objections.visible_to(request.user).select_related("entry__household")]


@router.post("/publicities/{publicity_id}/objections", response={201: ObjectionOut})
def record_objection(request, publicity_id: int, payload: ObjectionIn):
    posted = publicity.publicity_or_404(request.user, publicity_id)
    line = posted.lines.filter(entry_id=payload.entry_id).select_related("entry__household").first()
    if line is None:
        raise HttpError(400, "该户不在本次公示名单上")
    objection = publicity.objection_record(
        actor=request.user,
        publicity=posted,
        entry=line.entry,
        submitted_by=payload.submitted_by,
        received_on=payload.received_on,
        content=payload.content,
    )
    return Status(201, _objection_out(objection))


@router.get("/objections/{objection_id}", response=ObjectionOut)
def get_objection(request, objection_id: int):
    return _objection_out(publicity.objection_or_404(request.user, objection_id))


@router.post("/objections/{objection_id}/answer", response=ObjectionOut)
def answer_objection(request, objection_id: int, payload: AnswerIn):
    objection = publicity.objection_or_404(request.user, objection_id)
    publicity.objection_answer(
        actor=request.user,
        objection=objection,
        answer=payload.answer,
        outcome=payload.outcome,
        answered_on=payload.answered_on,
    )
    return _objection_out(get_object_or_404(Objection.objects.select_related("entry__household"), pk=objection.pk))

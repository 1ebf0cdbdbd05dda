from datetime import date

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.core.personal import Disclosure
from taizhang.core.rules import age_on
from taizhang.org.personal import disclosure
from taizhang.org.scoping import get_visible_or_404
from taizhang.registry.models import Household, Person
from taizhang.registry.selectors import household_list, person_search

router = Router(tags=["户籍台账"])


class PersonOut(Schema):
    id: int
    household_id: int | None
    household_no: str | None
    name: str
    id_number: str
    gender: str
    birth_date: date | None  # only for a role that reads ID numbers whole; the others read the age
    age: int
    relation: str
    phone: str
    is_student: bool
    disability_category: str
    disability_grade: str
    employment: str
    is_ill: bool
    life_status: str
    status: str


class HouseholdOut(Schema):
    id: int
    unit: str
    community: str
    household_no: str
    address: str
    head: str | None
    phone: str
    bank_name: str
    bank_account: str
    tags: list[str]
    status: str
    member_count: int | None = None


class HouseholdDetailOut(HouseholdOut):
    members: list[PersonOut]


def _person(p: Person, personal: Disclosure) -> dict:
    return {
        "id": p.id,
        "household_id": p.household_id,
        "household_no": p.household.household_no if p.household else None,
        "name": p.name,
        "id_number": personal.id_number(p.id_number),
        "gender": p.gender,
        "birth_date": p.birth_date if personal.birth_date_shown else None,
        "age": age_on(p.birth_date, clock.today()),
        "relation": p.relation,
        "phone": p.phone,
        "is_student": p.is_student,
        "disability_category": p.disability_category,
        "disability_grade": p.disability_grade,
        "employment": p.employment,
        "is_ill": p.is_ill,
        "life_status": p.life_status,
        "status": p.status,
    }


def _household(h: Household, personal: Disclosure) -> dict:
    return {
        "id": h.id,
        "unit": h.unit.name,
        "community": h.community.name,
        "household_no": h.household_no,
        "address": h.address,
        "head": h.head.name if h.head else None,
        "phone": h.phone,
        "bank_name": h.bank_name,
        "bank_account": personal.bank_account(h.bank_account),
        "tags": h.tag_list,
        "status": h.status,
        "member_count": getattr(h, "member_count", None),
    }


@router.get("/households", response=list[HouseholdOut])
@paginate(PageNumberPagination, page_size=50)
def list_households(
    request, unit: int | None = None, community: int | None = None, q: str = "", status: str = RecordStatus.ACTIVE
):
    personal = disclosure(request.user)
    rows = household_list(request.user, unit_id=unit, community_id=community, status=status, query=q[:40])
    return [_household(h, personal) for h in rows.order_by("household_no")]


@router.get("/households/{household_id}", response=HouseholdDetailOut)
def get_household(request, household_id: int):
    personal = disclosure(request.user)
    household = get_visible_or_404(
        Household.objects.select_related("unit", "community", "head"), request.user, pk=household_id
    )
    members = household.members.select_related("household").order_by("id")
    return {**_household(household, personal), "members": [_person(p, personal) for p in members]}


@router.get("/persons/search", response=list[PersonOut])
def search_persons(request, q: str):
    personal = disclosure(request.user)
    return [_person(p, personal) for p in person_search(request.user, q[:40])]


@router.get("/persons/{person_id}", response=PersonOut)
def get_person(request, person_id: int):
    person = get_visible_or_404(Person.objects.select_related("household"), request.user, pk=person_id)
    return _person(person, disclosure(request.user))

"""Writes to the registry: each atomic, validated by the rules, and audited field by field."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import Draft, audit_append, field_changes
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.org.models import OrgNode
from taizhang.org.policies import can_edit_registry
from taizhang.registry.models import HEAD_RELATION, Household, Person
from taizhang.registry.rules import id_birth_date, id_gender, id_reversed, pinyin_initials

HOUSEHOLD_LABELS = {
    "household_no": "户编号",
    "community": "村居",
    "address": "地址",
    "phone": "联系电话",
    "bank_name": "开户银行",
    "bank_account": "银行账号",
    "tags": "标签",
}
PERSON_LABELS = {
    "name": "姓名",
    "id_number": "身份证号",
    "relation": "与户主关系",
    "phone": "联系电话",
    "is_student": "在校生",
    "disability_category": "残疾类别",
    "disability_grade": "残疾等级",
    "employment": "就业状态",
    "is_ill": "患病",
    "life_status": "人员状态",
    "household": "户",
}


def _snapshot(obj, labels: dict) -> dict:
    values = {}
    for attr, label in labels.items():
        value = getattr(obj, attr)
        if isinstance(value, (OrgNode, Household)):
            value = str(value)
        elif attr == "life_status":
            value = obj.get_life_status_display()
        elif attr == "tags":
            value = "、".join(obj.tag_list)
        values[label] = value
    return values


def _require_editor(actor) -> None:
    if actor is not None and not can_edit_registry(actor):
        raise PermissionDenied("您的角色不能修改户籍台账")


def _household_draft(household: Household, action: str, changes: dict, reason: str = "", **extra) -> Draft:
    return Draft(
        action=action,
        object_type=extra.pop("object_type", "registry.household"),
        object_id=str(extra.pop("object_id", household.pk)),
        object_repr=extra.pop("object_repr", f"户 {household.household_no}"),
        unit_id=household.unit_id,
        community_id=household.community_id,
        household_id=household.pk,
        changes=changes,
        reason=reason,
    )


def normalize_tags(tags: str | list[str]) -> str:
    items = tags if isinstance(tags, list) else tags.replace("，", ",").replace("、", ",").split(",")
    cleaned = sorted({t.strip() for t in items if t.strip()})
    return f",{','.join(cleaned)}," if cleaned else ""


def household_create(*, actor, unit: OrgNode, household_no: str, **values) -> Household:
    """A new household; a 户编号 the unit already has is refused with the reason, also when the same one is created
    at the same moment by someone else (the unique constraint decides, the loser gets the same refusal)."""
    try:
        with transaction.atomic():
            return _household_insert(actor=actor, unit=unit, household_no=household_no, **values)
    except IntegrityError:
        if Household.objects.filter(unit=unit, household_no=household_no).exists():
            raise ValidationError({"household_no": msg_household_no_taken(household_no)}) from None
        raise


def msg_household_no_taken(household_no: str) -> str:
    return f"本单位已有户编号 {household_no}（可能是同事刚刚新建的），请在户籍台账中查找该户"


def _household_insert(
    *,
    actor,
    unit: OrgNode,
    community: OrgNode,
    household_no: str,
    address: str,
    phone: str = "",
    bank_name: str = "",
    bank_account: str = "",
    tags: str = "",
) -> Household:
    _require_editor(actor)
    if community.unit_id != unit.id or community.kind != OrgNode.Kind.COMMUNITY:
        raise ValidationError({"community": "村居不属于该单位"})
    if Household.objects.filter(unit=unit, household_no=household_no).exists():
        raise ValidationError({"household_no": msg_household_no_taken(household_no)})
    household = Household(
        unit=unit,
        community=community,
        household_no=household_no,
        address=address,
        phone=phone,
        bank_name=bank_name,
        bank_account=bank_account,
        tags=normalize_tags(tags),
    )
    # The 户编号's uniqueness is checked above and, against a colleague saving the same one at this moment, by the
    # database's constraint (household_create): the model's own check would refuse with Django's generic text.
    household.full_clean(validate_constraints=False)
    household.save()
    audit_append(
        [
            _household_draft(
                household, AuditEntry.Action.CREATE, field_changes({}, _snapshot(household, HOUSEHOLD_LABELS))
            )
        ],
        actor=actor,
    )
    return household


@transaction.atomic
def household_update(*, actor, household: Household, **values) -> Household:
    _require_editor(actor)
    household = Household.objects.select_for_update().get(pk=household.pk)
    before = _snapshot(household, HOUSEHOLD_LABELS)
    if "tags" in values:
        values["tags"] = normalize_tags(values["tags"])
    community = values.get("community")
    if community is not None and (community.unit_id != household.unit_id or community.kind != OrgNode.Kind.COMMUNITY):
        raise ValidationError({"community": "村居不属于该单位"})
    for attr, value in values.items():
        setattr(household, attr, value)
    household.full_clean()
    changes = field_changes(before, _snapshot(household, HOUSEHOLD_LABELS))
    if changes:
        household.save()
        audit_append([_household_draft(household, AuditEntry.Action.UPDATE, changes)], actor=actor)
    return household


def _mark_voided(actor, record, reason: str, already: str):
    _require_editor(actor)
    if not reason.strip():
        raise ValidationError({"reason": "作废必须填写原因"})
    if record.is_voided:
        raise ValidationError(already)
    record.status, record.void_reason = RecordStatus.VOIDED, reason.strip()
    record.voided_at, record.voided_by = clock.now(), actor
    record.save()
    return record


@transaction.atomic
def household_void(*, actor, household: Household, reason: str) -> Household:
    household = _mark_voided(actor, Household.objects.select_for_update().get(pk=household.pk), reason, "该户已经作废")
    audit_append(
        [_household_draft(household, AuditEntry.Action.VOID, {"状态": ["有效", "已作废"]}, reason.strip())], actor=actor
    )
    return household


@transaction.atomic
def household_restore(*, actor, household: Household, reason: str) -> Household:
    _require_editor(actor)
    household = Household.objects.select_for_update().get(pk=household.pk)
    if not household.is_voided:
        raise ValidationError("该户没有作废")
    household.status, household.void_reason, household.voided_at, household.voided_by = (
        RecordStatus.ACTIVE,
        "",
        None,
        None,
    )
    household.save()
    audit_append(
        [_household_draft(household, AuditEntry.Action.RESTORE, {"状态": ["已作废", "有效"]}, reason.strip())],
        actor=actor,
    )
    return household


def _person_draft(person: Person, action: str, changes: dict, reason: str = "") -> Draft:
    household = person.household
    return Draft(
        action=action,
        object_type="registry.person",
        object_id=str(person.pk),
        object_repr=f"{person.name}（{household.household_no if household else '无户'}）",
        unit_id=person.unit_id,
        community_id=household.community_id if household else None,
        household_id=household.pk if household else None,
        changes=changes,
        reason=reason,
    )


def _check_single_head(household: Household, person: Person) -> None:
    heads = household.members.filter(relation=HEAD_RELATION, status=RecordStatus.ACTIVE).exclude(pk=person.pk)
    if person.relation == HEAD_RELATION and person.status == RecordStatus.ACTIVE and heads.exists():
        raise ValidationError({"relation": f"该户已有户主（{heads.first().name}），每户只能有一个户主"})


def _derive_identity(person: Person) -> None:
    person.id_reversed = id_reversed(person.id_number)
    person.gender = id_gender(person.id_number)
    person.birth_date = id_birth_date(person.id_number)
    person.name_initials = pinyin_initials(person.name)


def _refresh_head(household: Household) -> None:
    head = household.members.filter(relation=HEAD_RELATION, status=RecordStatus.ACTIVE).first()
    if household.head_id != (head.pk if head else None):
        Household.objects.filter(pk=household.pk).update(head=head)


@transaction.atomic
def person_add(*, actor, household: Household, id_number: str, **values) -> Person:
    """Add a member; `id_number` must already be normalized by the form (registry.rules)."""
    _require_editor(actor)
    household = Household.objects.select_for_update().get(pk=household.pk)
    if Person.objects.filter(unit_id=household.unit_id, id_number=id_number).exists():
        raise ValidationError({"id_number": "本单位已登记此身份证号，一人只能属于一个户；如需迁入请在原户中修改"})
    person = Person(unit_id=household.unit_id, household=household, id_number=id_number, **values)
    _derive_identity(person)
    person.full_clean()
    _check_single_head(household, person)
    person.save()
    _refresh_head(household)
    audit_append(
        [_person_draft(person, AuditEntry.Action.CREATE, field_changes({}, _snapshot(person, PERSON_LABELS)))],
        actor=actor,
    )
    return person


@transaction.atomic
def person_update(*, actor, person: Person, **values) -> Person:
    _require_editor(actor)
    person = Person.objects.select_for_update(of=("self",)).select_related("household").get(pk=person.pk)
    before = _snapshot(person, PERSON_LABELS)
    for attr, value in values.items():
        setattr(person, attr, value)
    _derive_identity(person)
    person.full_clean()
    if person.household:
        _check_single_head(person.household, person)
    changes = field_changes(before, _snapshot(person, PERSON_LABELS))
    if changes:
        person.save()
        if person.household:
            _refresh_head(person.household)
        audit_append([_person_draft(person, AuditEntry.Action.UPDATE, changes)], actor=actor)
    return person


@transaction.atomic
def person_void(*, actor, person: Person, reason: str) -> Person:
    person = _mark_voided(
        actor,
        Person.objects.select_for_update(of=("self",)).select_related("household").get(pk=person.pk),
        reason,
        "该人员已经作废",
    )
    if person.household:
        _refresh_head(person.household)
    audit_append(
        [_person_draft(person, AuditEntry.Action.VOID, {"状态": ["有效", "已作废"]}, reason.strip())], actor=actor
    )
    return person

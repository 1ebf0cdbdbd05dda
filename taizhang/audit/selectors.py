from django.db.models import Q, QuerySet

from taizhang.audit.labels import action_labels, hidden_module_prefixes
from taizhang.audit.models import AuditEntry
from taizhang.audit.subjects import resolve
from taizhang.org.modules import enabled_keys

# Reading the record is not changing it: prints and exports stay in the trail but not in a record's change summary.
NOT_CHANGES = (AuditEntry.Action.PRINT, AuditEntry.Action.EXPORT)


# The object type of an import batch's entries (taizhang.imports writes them; the audit layer sits below it).
IMPORT_BATCH = "imports.batch"


def _household_entries(user, household) -> QuerySet:
    entries = AuditEntry.objects.visible_to(user).filter(unit_id=household.unit_id, household_id=household.pk)
    if batch_id := getattr(household, "import_batch_id", None):
        # A household an import batch created has no entry of its own: the batch's entry records its creation. The
        # household is one the user may see, so its creation is too, from a 村居 as well (the entry is the unit's).
        entries = entries | AuditEntry.objects.filter(
            unit_id=household.unit_id,
            object_type=IMPORT_BATCH,
            object_id=str(batch_id),
            action=AuditEntry.Action.IMPORT,
        )
    for prefix in hidden_module_prefixes(enabled_keys(user)):
        entries = entries.exclude(object_type__startswith=prefix)
    return entries.order_by("-at", "-id")


def household_timeline(user, household, *, limit: int = 200) -> list[AuditEntry]:
    """The household's audit entries, without those of modules the user's unit does not use."""
    return list(_household_entries(user, household)[:limit])


def household_changes(user, household, *, limit: int = 5) -> tuple[list[AuditEntry], int]:
    """The household's last `limit` changes (no prints or exports) and how many there are in all."""
    entries = _household_entries(user, household).exclude(action__in=NOT_CHANGES)
    recent, labels = list(entries[:limit]), action_labels()
    for entry in recent:
        entry.action_label = labels.get(entry.action, entry.action)
    return recent, entries.count()


def audit_search(
    user, *, query: str = "", action: str = "", object_type: str = "", actor: str = "", date_from=None, date_to=None
) -> QuerySet:
    entries = AuditEntry.objects.visible_to(user)
    if action:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if actor:
        entries = entries.filter(actor_name__contains=actor)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    if query:
        text = Q(object_repr__contains=query) | Q(reason__contains=query) | Q(object_id=query)
        named = resolve(user, query)  # a full ID number or 户编号: the entries about those records
        entries = entries.filter(text | named.entries_q() if named else text)
    return entries.order_by("-at", "-id")

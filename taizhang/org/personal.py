"""Who sees which personal field whole: the one table of the personal-data policy (docs/security.md, ## Personal data
policy), and each user's Disclosure, worked out once per request.

ID numbers and bank accounts are read whole only by those who exchange them with other offices (the unit admin:
imports, the police extract, payments) or check the records (the auditor); every other role reads them masked, and the
age instead of the birth date. Phones and addresses are read whole by every role within its scope: field work is
calling and visiting. A module may add a grant in its manifest (ModuleSpec.personal_grants), e.g. the renewal
module's population group, which checks ID numbers with the police station.
"""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from taizhang.core.manifest import modules
from taizhang.core.personal import ADDRESS, BANK_ACCOUNT, FIELDS, ID_NUMBER, PHONE, Disclosure
from taizhang.org.models import Role
from taizhang.org.scoping import once_per_request

EVERY_ROLE = frozenset(Role)
WHOLE = {
    ID_NUMBER.key: frozenset({Role.UNIT_ADMIN, Role.AUDITOR}),
    BANK_ACCOUNT.key: frozenset({Role.UNIT_ADMIN, Role.AUDITOR}),
    PHONE.key: EVERY_ROLE,
    ADDRESS.key: EVERY_ROLE,
}
assert set(WHOLE) == set(FIELDS), "every personal field says who sees it whole"

MASKED = Disclosure(frozenset())


def disclosure(user) -> Disclosure:
    """What `user` reads whole (an anonymous or inactive user: nothing)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return MASKED
    return once_per_request(user, "_taizhang_disclosure", _disclosure)


def _disclosure(user) -> Disclosure:
    if user.is_superuser:
        return Disclosure.everything()
    whole = {key for key, roles in WHOLE.items() if user.role in roles}
    for spec in modules():
        for grant in spec.personal_grants:
            if grant.field not in whole and spec.load(grant.who)(user):
                whole.add(grant.field)
    return Disclosure(frozenset(whole))


def grants() -> list[tuple[str, str, str]]:
    """(module name, field label, reason) of every module's grant, for the policy's documentation and tests."""
    return [(spec.name, FIELDS[g.field].label, g.reason) for spec in modules() for g in spec.personal_grants]


def context(request) -> dict:
    """The `personal` template variable: the Disclosure of the page's user (a context processor), worked out only
    when a page shows a personal field (a module's grant may cost a query)."""
    user = getattr(request, "user", None)
    return {"personal": SimpleLazyObject(lambda: disclosure(user))}

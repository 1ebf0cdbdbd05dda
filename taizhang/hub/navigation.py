"""The main menu: the kernel's entries and, from the manifests, those of the modules the user's unit has enabled."""

from django.urls import reverse

from taizhang.integrity.policies import shows_signals
from taizhang.org.modules import user_modules
from taizhang.org.policies import can_edit_registry, can_import, can_manage_modules, can_manage_staff, can_search_audit


def module_menu(user) -> list[dict]:
    entries = [entry for spec in user_modules(user) for entry in spec.menu if entry.shown_to(user)]
    return [{"label": entry.label, "url": reverse(entry.url_name)} for entry in sorted(entries, key=lambda e: e.order)]


def permissions(user) -> dict:
    return {
        "edit": can_edit_registry(user),
        "import": can_import(user),
        "staff": can_manage_staff(user) and bool(user.unit_id),
        "audit": can_search_audit(user),
        "signals": shows_signals(user),
        "modules": can_manage_modules(user),
    }

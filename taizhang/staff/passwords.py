"""Passwords chosen for someone (the staff import's initial ones) and chosen by oneself; both pass the validators."""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append
from taizhang.org.models import User
from taizhang.staff.accounts import staff_draft

# Read aloud or copied from paper: no 0/O, 1/l/I.
ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
GENERATED_LENGTH = 12  # about 70 bits


def generate_password(user: User | None = None) -> str:
    """A random password with letters and digits that the configured validators accept for `user`."""
    while True:
        password = "".join(secrets.choice(ALPHABET) for _ in range(GENERATED_LENGTH))
        if not (any(ch.isalpha() for ch in password) and any(ch.isdigit() for ch in password)):
            continue
        try:
            validate_password(password, user)
        except ValidationError:
            continue
        return password


@transaction.atomic
def password_change(*, user: User, password: str) -> User:
    """The user chooses their own password; this lifts the demand to change an initial one."""
    if user.check_password(password):
        raise ValidationError("新密码不能与原密码相同")
    validate_password(password, user)
    was_forced = user.must_change_password
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    changes = {"密码": ["（不显示）", "（本人已修改）"]}
    reason = "本人修改初始密码" if was_forced else "本人修改密码"
    audit_append([staff_draft(user, AuditEntry.Action.UPDATE, changes, reason)], actor=user)
    return user

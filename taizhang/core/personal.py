"""The personal-data policy's kernel: each personal field declared once, with its mask, and `Disclosure`, what one user
is shown of them. Who sees which field whole is decided in one table, taizhang.org.personal (roles live in org);
docs/security.md (## Personal data policy) gives the reasons.

Every output goes through a Disclosure: pages (the `personal` context variable and the filters of the taizhang tag
library), forms (taizhang.core.forms.ReplaceOnlyField), the API, exports, PDFs, the audit trail and its exports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from taizhang.core.rules import age_on, mask_bank_account, mask_id_number, mask_numbers_in, mask_phone


@dataclass(frozen=True)
class PersonalField:
    key: str
    label: str
    mask: Callable[[str], str]


ID_NUMBER = PersonalField("id_number", "身份证号", mask_id_number)
BANK_ACCOUNT = PersonalField("bank_account", "银行账号", mask_bank_account)
PHONE = PersonalField("phone", "联系电话", mask_phone)
ADDRESS = PersonalField("address", "住址", lambda address: address[:6] + "…" if len(address) > 6 else address)
FIELDS = {field.key: field for field in (ID_NUMBER, BANK_ACCOUNT, PHONE, ADDRESS)}
# An audit change of a person's birth date names the field with this label ("张三·出生日期").
BIRTH_DATE_LABEL = "出生日期"
HIDDEN = "（不显示）"


@dataclass(frozen=True)
class Disclosure:
    """The keys of the personal fields one user sees whole; every other field is shown masked."""

    whole: frozenset[str]

    @classmethod
    def everything(cls) -> Disclosure:
        return cls(frozenset(FIELDS))

    def sees_whole(self, field: PersonalField | str) -> bool:
        return (field if isinstance(field, str) else field.key) in self.whole

    def show(self, field: PersonalField | str, value: str | None) -> str:
        """The value as this user may read it ("" stays "")."""
        field = FIELDS[field] if isinstance(field, str) else field
        if not value:
            return value or ""
        return value if field.key in self.whole else field.mask(value)

    def id_number(self, value: str | None) -> str:
        return self.show(ID_NUMBER, value)

    def bank_account(self, value: str | None) -> str:
        return self.show(BANK_ACCOUNT, value)

    def phone(self, value: str | None) -> str:
        return self.show(PHONE, value)

    @property
    def birth_date_shown(self) -> bool:
        """The birth date is 8 of the ID number's 18 characters: only a user who reads ID numbers whole reads it."""
        return self.sees_whole(ID_NUMBER)

    def birth(self, birth: date | None, today: date) -> str:
        """The birth date, or the age in years for a user who sees ID numbers masked ("56岁")."""
        if birth is None:
            return ""
        return birth.isoformat() if self.birth_date_shown else f"{age_on(birth, today)}岁"

    def text(self, value: object) -> str:
        """Free text (an audit value, an import cell, a note) with the numbers this user may not read masked."""
        text = "" if value is None else str(value)
        return mask_numbers_in(
            text, id_numbers=not self.sees_whole(ID_NUMBER), accounts=not self.sees_whole(BANK_ACCOUNT)
        )

    def hides(self, label: str) -> bool:
        """Whether a labelled value (an audit change's "张三·出生日期") is withheld from this user altogether."""
        return label.rpartition("·")[2] == BIRTH_DATE_LABEL and not self.birth_date_shown

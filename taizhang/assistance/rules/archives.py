"""The archive (一户一档) audit: 缺项 (missing) and 错项 (wrong), the rosters' differences, and the policies
the household's 明白卡 lists from the registry. No Django here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

# The checklist a unit starts from (the unit admin edits it): data the registry holds, and documents to upload.
DEFAULT_ARCHIVE_ITEMS = [
    ("家庭成员", "data"),
    ("联系电话", "data"),
    ("银行账号", "data"),
    ("身份证复印件", "document"),
    ("帮扶计划", "document"),
    ("收入台账", "document"),
]


ROSTERS = {"dibao": "低保", "disability": "残联", "school": "学籍", "insurance": "医保"}


@dataclass(frozen=True)
class MemberFacts:
    name: str
    id_number: str
    alive: bool
    is_student: bool
    disabled: bool


@dataclass(frozen=True)
class ArchiveFacts:
    phone: str
    bank_account: str
    account_holder: str  # as written in the archive ("" if not recorded)
    archive_family_size: int | None  # as written in the archive
    members: tuple[MemberFacts, ...]  # the registry's active members
    tags: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()  # checklist items with an uploaded document
    required_documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    kind: str  # "missing" (缺项) or "wrong" (错项)
    item: str
    detail: str

    @property
    def key(self) -> str:
        """Stable identity across checks, so a finding is closed when it no longer appears."""
        return f"{self.kind}|{self.item}|{self.detail}"[:200]


def archive_findings(facts: ArchiveFacts, *, today: date) -> list[Finding]:
    from taizhang.core.rules import InvalidValue, normalize_phone
    from taizhang.registry.rules import luhn_valid, normalize_id_number

    found: list[Finding] = []
    alive = [m for m in facts.members if m.alive]
    if not facts.members:
        found.append(Finding("missing", "家庭成员", "没有家庭成员"))
    if not facts.phone:
        found.append(Finding("missing", "联系电话", "没有联系电话"))
    else:
        try:
            normalize_phone(facts.phone)
        except InvalidValue as exc:
            found.append(Finding("wrong", "联系电话", f"联系电话 {facts.phone} 有误：{exc.message}"))
    if not facts.bank_account:
        found.append(Finding("missing", "银行账号", "没有银行账号，帮扶资金无法发放"))
    elif not luhn_valid(facts.bank_account):
        found.append(Finding("wrong", "银行账号", f"银行账号 {facts.bank_account} 未通过校验"))
    if facts.account_holder and facts.account_holder not in {m.name for m in alive}:
        found.append(Finding("wrong", "银行账号", f"持卡人“{facts.account_holder}”不是本户在世成员"))
    if facts.archive_family_size is not None and facts.archive_family_size != len(alive):
        found.append(
            Finding("wrong", "家庭成员", f"档案记载 {facts.archive_family_size} 人，户籍台账在世成员 {len(alive)} 人")
        )
    for member in facts.members:
        if not member.alive:
            found.append(Finding("wrong", "家庭成员", f"{member.name}已死亡或注销，仍列为家庭成员"))
        try:
            normalize_id_number(member.id_number, today=today)
        except InvalidValue as exc:
            found.append(Finding("wrong", "家庭成员", f"{member.name}的身份证号有误：{exc.message}"))
    for item in facts.required_documents:
        if item not in facts.documents:
            found.append(Finding("missing", item, f"缺少{item}"))
    return found


def roster_differences(facts: ArchiveFacts, rosters: dict[str, set[str]]) -> list[Finding]:
    """Compare the household with the departments' rosters (by ID number); only rosters that were imported count."""
    found: list[Finding] = []
    alive = [m for m in facts.members if m.alive]
    if "disability" in rosters:
        for m in alive:
            listed = m.id_number in rosters["disability"]
            if listed and not m.disabled:
                found.append(Finding("wrong", "残疾人保障", f"{m.name}在残联名册中，户籍台账未登记残疾"))
            elif m.disabled and not listed:
                found.append(Finding("wrong", "残疾人保障", f"{m.name}登记为残疾，残联名册中没有"))
    if "school" in rosters:
        for m in alive:
            listed = m.id_number in rosters["school"]
            if listed and not m.is_student:
                found.append(Finding("wrong", "教育", f"{m.name}有学籍，户籍台账未登记为在校生"))
            elif m.is_student and not listed:
                found.append(Finding("wrong", "教育", f"{m.name}登记为在校生，学籍名册中没有"))
    if "insurance" in rosters:
        for m in alive:
            if m.id_number not in rosters["insurance"]:
                found.append(Finding("wrong", "医疗", f"{m.name}不在医保参保名册中"))
    if "dibao" in rosters:
        on_roster = any(m.id_number in rosters["dibao"] for m in alive)
        tagged = "低保" in facts.tags
        if on_roster and not tagged:
            found.append(Finding("wrong", "低保", "低保名册中有本户成员，户未标注“低保”"))
        elif tagged and not on_roster:
            found.append(Finding("wrong", "低保", "户标注“低保”，低保名册中没有本户成员"))
    return found


def derived_benefits(members: Iterable[MemberFacts], tags: Iterable[str]) -> list[str]:
    """Policies the registry already shows the household enjoys (the card lists these before the entered ones)."""
    alive = [m for m in members if m.alive]
    benefits = []
    students = [m.name for m in alive if m.is_student]
    if students:
        benefits.append(f"教育资助：在校生 {'、'.join(students)}")
    disabled = [m.name for m in alive if m.disabled]
    if disabled:
        benefits.append(f"残疾人两项补贴：{'、'.join(disabled)}")
    if "低保" in set(tags):
        benefits.append("城乡低保")
    if "特困" in set(tags):
        benefits.append("特困人员救助供养")
    return benefits

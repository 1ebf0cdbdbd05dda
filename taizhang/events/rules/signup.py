"""What a sign-up form must hold: a name, a mainland mobile number, and for a team game the team's name and members
within the game's team size. Messages name the field."""

from __future__ import annotations

import re

MOBILE = re.compile(r"^1[3-9]\d{9}$")
SEPARATORS = re.compile(r"[\n\r,，、;；\s]+")


def normalise_phone(text: str) -> str:
    """Digits only, a leading +86/0086 dropped: what people type as “138 0000 0000” or “+86 13800000000”."""
    digits = re.sub(r"\D", "", text)
    for prefix in ("0086", "86"):
        if len(digits) == 11 + len(prefix) and digits.startswith(prefix):
            return digits[len(prefix) :]
    return digits


def phone_problem(phone: str) -> str:
    if not phone:
        return "请填写手机号"
    if not MOBILE.match(phone):
        return f"手机号“{phone}”不是 11 位的手机号码"
    return ""


def parse_members(text: str) -> list[str]:
    """Team members as typed: one a line, or separated by 、 , ； or spaces; blanks and repeats dropped."""
    seen: list[str] = []
    for name in SEPARATORS.split(text or ""):
        if name and name not in seen:
            seen.append(name)
    return seen


def problems(
    *, name: str, phone: str, team: bool, team_name: str = "", members: list[str] = (), team_size_max: int | None = None
) -> dict[str, str]:
    """{field: message} of what is wrong (empty when the sign-up may be taken). A team counts its contact (`name`)
    and its members."""
    found = {}
    if not name.strip():
        found["name"] = "请填写姓名"
    elif len(name.strip()) > 64:
        found["name"] = "姓名过长（最多 64 个字）"
    if problem := phone_problem(phone):
        found["phone"] = problem
    if team:
        if not team_name.strip():
            found["team_name"] = "请填写队名"
        size = 1 + len([m for m in members if m != name.strip()])
        if team_size_max is not None and size > team_size_max:
            found["members"] = f"本项目每队最多 {team_size_max} 人（含领队），现填写 {size} 人"
    return found


def team_people(name: str, members: list[str]) -> int:
    return 1 + len([m for m in members if m != name.strip()])

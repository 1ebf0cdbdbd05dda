"""The people module's part of the kernel's staff file (人员档案, `Section("staff", …)`): the current post, the
contracts over the years, the assessment results, the performance pay of the confirmed sheets and the committee's
elimination decisions, as the viewer may read them (the person, or those who read everyone's records). Each part is
one table, on the page and in its PDF; another area adds its own by appending to PARTS."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from taizhang.core import clock
from taizhang.people import selectors, selectors_elimination, selectors_pay
from taizhang.people.elimination import in_force
from taizhang.people.models import Contract, Recommendation, Result


@dataclass(frozen=True)
class Part:
    title: str
    template: str
    rows: Callable  # (viewer, person) -> list


def _contracts(viewer, person) -> list:
    found = selectors.own_or_everyone(Contract.objects.filter(user_id=person.pk), viewer)
    return list(found.select_related("post", "department").order_by("-starts_on", "-id"))


def _results(viewer, person) -> list:
    found = selectors.own_or_everyone(Result.objects.filter(user_id=person.pk), viewer)
    return list(found.select_related("cycle").order_by("-cycle__starts_on", "-id"))


def _pay(viewer, person) -> list:
    return list(selectors_pay.confirmed_lines(viewer, person.pk))


def outcome(rec: Recommendation, today) -> str:
    """Where a decision stands, in a few words."""
    if rec.status == Recommendation.Status.REJECTED:
        return "不作处理"
    if rec.enforced_at:
        return f"已于 {timezone.localdate(rec.enforced_at):%Y-%m-%d} 解除聘任合同"
    if rec.appeal == Recommendation.Appeal.OVERTURNED:
        return "原决定已撤销"
    if in_force(rec, today):
        return "已生效"
    if rec.appeal == Recommendation.Appeal.PENDING:
        return "申诉答复前不生效"
    return f"申诉期至 {rec.appeal_until:%Y-%m-%d}" if rec.appeal_until else "未生效"


def _decisions(viewer, person) -> list:
    today = clock.today()
    found = list(selectors_elimination.decided(viewer, person.pk))
    for rec in found:
        rec.outcome = outcome(rec, today)
    return found


PARTS: list[Part] = [
    Part("聘任合同", "people/_staff_contracts.html", _contracts),
    Part("考核结果", "people/_staff_results.html", _results),
    Part("绩效薪酬", "people/_staff_pay.html", _pay),
    Part("淘汰决定", "people/_staff_decisions.html", _decisions),
]


def staff_section(person, viewer) -> str:
    if not (selectors.policies.reads_everyone(viewer) or viewer.pk == person.pk):
        return ""
    parts = [{"title": part.title, "template": part.template, "rows": part.rows(viewer, person)} for part in PARTS]
    if not any(part["rows"] for part in parts):
        return ""
    today = clock.today()
    current = next((c for c in parts[0]["rows"] if c.state_on(today) == Contract.Status.ACTIVE), None)
    return render_to_string("people/_staff_section.html", {"parts": parts, "current": current, "person": person})

"""The social-affairs functions a zone hands to the streets (剥离社会事务管理职能) and the zone's supervision notes.

Both belong to the street that owes them: `unit` is the receiving street (the distribution key), so the street's
own users and district roles read them through the ordinary scope. `handed_by` names the zone that handed the
function; the zone's users read what their unit handed through `selectors_functions`, never through `visible_to`
alone (see its docstring)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from taizhang.enterprise.models.fields import _import_batch, _unit, _user
from taizhang.enterprise.rules import functions as rules
from taizhang.org.scoping import ScopedQuerySet


def _handed_by():
    from taizhang.org.models import OrgNode

    return models.ForeignKey(OrgNode, on_delete=models.PROTECT, related_name="+", verbose_name="移交单位")


class HandedFunction(models.Model):
    """One function of a zone's list (序号 1–42), handed to one street: its state 移交 → 承接 → 运行 with the date of
    each move. A handover made by mistake is withdrawn (`withdrawn_on`, with the reason) and stays on record."""

    unit = _unit()  # the receiving street
    handed_by = _handed_by()
    number = models.PositiveSmallIntegerField("序号")
    name = models.CharField("职能名称", max_length=64)
    category = models.CharField("类别", max_length=16)
    basis = models.CharField("法律依据/说明", max_length=300, blank=True)
    state = models.CharField("状态", max_length=8, choices=rules.STATES, default="handed")
    handed_on = models.DateField("移交日期")
    taken_on = models.DateField("承接日期", null=True, blank=True)
    running_on = models.DateField("运行日期", null=True, blank=True)
    staffing_note = models.CharField("人员与经费保障", max_length=300, blank=True)
    withdrawn_on = models.DateField("撤回移交日期", null=True, blank=True)
    withdraw_reason = models.CharField("撤回原因", max_length=200, blank=True)
    import_batch = _import_batch()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["handed_by", "unit", "number"],
                condition=Q(withdrawn_on__isnull=True),
                name="enterprise_function_once_per_street",
            )
        ]
        indexes = [models.Index(fields=["unit", "state"]), models.Index(fields=["handed_by", "unit"])]
        ordering = ["handed_by_id", "number", "unit_id"]
        verbose_name = "移交职能"

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def date_of(self, state: str):
        return getattr(self, rules.DATE_FIELDS[state])


class FunctionNote(models.Model):
    """A supervision note (督促落实): what the zone asks the street to fix on a function, by a deadline; the street
    answers, the zone closes it (销号) or reopens it with a reason. `unit` and `handed_by` repeat the function's."""

    unit = _unit()
    handed_by = _handed_by()
    function = models.ForeignKey(HandedFunction, on_delete=models.PROTECT, related_name="notes", verbose_name="职能")
    text = models.CharField("督办事项", max_length=500)
    deadline = models.DateField("整改期限")
    written_by = _user("督办人")
    written_on = models.DateField("督办日期")
    answer = models.CharField("街道答复", max_length=500, blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    answered_by = _user("答复人")
    closed_on = models.DateField("销号日期", null=True, blank=True)
    closed_by = _user("销号人")
    reopen_reason = models.CharField("重新督办原因", max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", None)

    class Meta:
        indexes = [models.Index(fields=["unit", "closed_on", "deadline"]), models.Index(fields=["handed_by", "unit"])]
        ordering = ["closed_on", "deadline", "id"]
        verbose_name = "移交职能督办"

    def __str__(self) -> str:
        return f"{self.function.name}：{self.text[:20]}"

    def is_overdue(self, today) -> bool:
        return rules.is_overdue(self.deadline, self.closed_on, today)

    @property
    def status(self) -> str:
        return rules.note_status(answered=self.answered_on is not None, closed=self.closed_on is not None)

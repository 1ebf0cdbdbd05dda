"""Forms of the problem ledger (问题): record, hand over, resolve, verify, settings and filters."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from taizhang.assistance.models import CHECKLIST, Department, Problem, Visit
from taizhang.assistance.rules import PROBLEM_CATEGORIES, category_of_topic
from taizhang.core.forms import MultipleImageField, date_input
from taizhang.org.models import OrgNode


class ProblemForm(forms.Form):
    category = forms.ChoiceField(label="问题类别", choices=[(c, c) for c in PROBLEM_CATEGORIES])
    description = forms.CharField(label="问题描述", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    found_on = forms.DateField(
        label="发现日期", required=False, widget=date_input(), help_text="从走访记录进入时为走访日期"
    )
    photos = MultipleImageField(label="照片", required=False)
    report = forms.BooleanField(label="立即上报镇扶贫办", required=False, initial=True)


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(Department.objects.none(), label="责任部门", empty_label="请选择")
    due = forms.DateField(
        label="办结期限", required=False, widget=date_input(), help_text="不填则按问题类别的期限自动计算"
    )

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(unit_id=unit_id, is_active=True)


class ResolveForm(forms.Form):
    resolution = forms.CharField(label="解决情况", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class VerifyForm(forms.Form):
    visit = forms.ModelChoiceField(Visit.objects.none(), label="核实走访", empty_label="请选择解决之后的走访")
    note = forms.CharField(label="核实情况", required=False, max_length=200)

    def __init__(self, *args, visits, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visit"].queryset = visits
        self.fields["visit"].label_from_instance = lambda v: (
            f"{v.visit_date:%Y-%m-%d} {timezone.localtime(v.started_at):%H:%M}"
        )


class DepartmentForm(forms.Form):
    name = forms.CharField(label="新部门", max_length=64)


class DepartmentNodeForm(forms.Form):
    department = forms.ModelChoiceField(Department.objects.none(), label="部门")
    node = forms.ModelChoiceField(OrgNode.objects.none(), label="工作组", required=False, empty_label="（未设置）")

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(unit_id=unit_id)
        self.fields["node"].queryset = OrgNode.objects.filter(
            unit_id=unit_id, kind=OrgNode.Kind.WORKGROUP, is_active=True
        ).order_by("path")


class DeadlinesForm(forms.Form):
    def __init__(self, *args, current: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for category in PROBLEM_CATEGORIES:
            self.fields[category] = forms.IntegerField(
                label=category, min_value=1, max_value=365, initial=current[category]
            )


class ProblemFilterForm(forms.Form):
    stage = forms.ChoiceField(required=False, choices=[("", "全部进度"), *Problem.Stage.choices])
    category = forms.ChoiceField(required=False, choices=[("", "全部类别"), *[(c, c) for c in PROBLEM_CATEGORIES]])
    department = forms.IntegerField(required=False, min_value=1)
    community = forms.IntegerField(required=False, min_value=1)
    overdue = forms.BooleanField(required=False)


class ProblemPrefillForm(forms.Form):
    """Whom a new problem is about (?visit= from a visit, or ?assisted= from the household), and which checklist item
    of the visit was marked 有问题 (?item=housing)."""

    visit = forms.IntegerField(required=False, min_value=1)
    assisted = forms.IntegerField(required=False, min_value=1)
    item = forms.ChoiceField(required=False, choices=[(key, label) for key, label, _ in CHECKLIST])


def problem_initial(visit: Visit | None, item: str = "") -> dict:
    """What the problem form starts with: the visit's day, and for a checklist item its category and the note the
    helper wrote on the visit."""
    if visit is None:
        return {}
    initial = {"found_on": visit.visit_date}
    for key, label, topic in CHECKLIST:
        if key == item:
            note = getattr(visit, f"{key}_note")
            initial["category"] = category_of_topic(topic)
            initial["description"] = f"{label}（{topic}）：{note}" if note else f"{label}（{topic}）有问题"
    return initial

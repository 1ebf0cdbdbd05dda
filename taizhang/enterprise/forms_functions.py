"""Forms of the handed functions' pages: the list's and the notes' filters, a move's date, a supervision note, the
street's answer and the zone's reopening."""

from __future__ import annotations

from django import forms

from taizhang.core.forms import date_input
from taizhang.core.listing import ListFilterForm
from taizhang.enterprise.rules import functions as rules

STATE_CHOICES = [("", "全部状态"), *rules.STATES, ("withdrawn", "已撤回移交")]
NOTE_STATUS_CHOICES = [
    ("", "全部督办"),
    ("open", "未销号"),
    ("late", "已逾期"),
    ("answered", "已答复待销号"),
    ("closed", "已销号"),
]


class FunctionFilterForm(ListFilterForm):
    placeholder = "职能名称 / 类别 / 依据"
    state = forms.ChoiceField(label="状态", required=False, choices=STATE_CHOICES)
    overdue = forms.BooleanField(label="有逾期督办", required=False)

    def __init__(self, data=None, *, streets, **kwargs):
        super().__init__(data, groups=streets, group_label="承接街道", **kwargs)
        self.fields["state"].widget.attrs["aria-label"] = "状态"


class NoteFilterForm(ListFilterForm):
    placeholder = ""
    status = forms.ChoiceField(label="督办状态", required=False, choices=NOTE_STATUS_CHOICES)

    def __init__(self, data=None, *, streets, **kwargs):
        super().__init__(data, groups=streets, group_label="承接街道", **kwargs)
        del self.fields["q"]
        self.fields["status"].widget.attrs["aria-label"] = "督办状态"


class MoveForm(forms.Form):
    on = forms.DateField(label="日期", widget=date_input())


class StaffingForm(forms.Form):
    staffing_note = forms.CharField(
        label="人员与经费保障",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "例如：民政专干 2 人，经费列入街道预算"}),
    )


class NoteForm(forms.Form):
    text = forms.CharField(label="督办事项（需整改的问题）", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label="整改期限", widget=date_input())


class AnswerForm(forms.Form):
    answer = forms.CharField(label="整改情况答复", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class ReopenForm(forms.Form):
    reason = forms.CharField(label="重新督办的原因", max_length=200)
    deadline = forms.DateField(label="新的整改期限", widget=date_input())

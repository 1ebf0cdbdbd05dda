"""The sign-ups' filters, the office's sign-up form (a resident calls), a new capacity with its reason."""

from __future__ import annotations

from django import forms

from taizhang.core.listing import ListFilterForm
from taizhang.events.rules import places

CHECKED_IN = [("", "签到与否"), ("yes", "已签到"), ("no", "未签到")]


class SignupFilterForm(ListFilterForm):
    placeholder = "姓名 / 手机号 / 队名"
    session = forms.TypedChoiceField(label="场次", required=False, coerce=int, empty_value=None)
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *places.STATES])
    village = forms.ChoiceField(label="村居", required=False)
    checked_in = forms.ChoiceField(label="签到", required=False, choices=CHECKED_IN)

    def __init__(self, data=None, *, sessions=(), villages=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["session"].choices = [("", "全部场次"), *((s.pk, s.name) for s in sessions)]
        self.fields["village"].choices = [("", "全部村居"), *((v, v) for v in villages)]
        for name in ("session", "state", "village", "checked_in"):
            self.fields[name].widget.attrs["aria-label"] = self.fields[name].label


class StaffSignupForm(forms.Form):
    session = forms.TypedChoiceField(label="场次", coerce=int)
    name = forms.CharField(label="姓名（组队项目填领队）", max_length=64)
    phone = forms.CharField(label="手机号", max_length=20)
    village = forms.CharField(label="村居", max_length=64, required=False)
    team_name = forms.CharField(label="队名（组队项目）", max_length=64, required=False)
    members = forms.CharField(
        label="队员（组队项目，用顿号分隔）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [("", "请选择场次"), *((s.pk, s.name) for s in sessions)]


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label="新的容量", min_value=1, required=False, help_text="不限人数请留空")
    reason = forms.CharField(
        label="原因", max_length=200, widget=forms.TextInput(attrs={"placeholder": "例如：增开采摘区"})
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

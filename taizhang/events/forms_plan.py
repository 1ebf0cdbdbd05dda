"""The planning forms: an event, a session, a staff assignment, a checklist task, a budget line and a spending
record, and the checklist's filters."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone

from taizhang.core.forms import date_input
from taizhang.core.listing import ListFilterForm
from taizhang.events.models import Session
from taizhang.events.rules import plan as rules


def time_input() -> forms.TimeInput:
    return forms.TimeInput(format="%H:%M", attrs={"type": "time"})


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.full_name or user.username}（{user.get_role_display()}）"


class EventForm(forms.Form):
    name = forms.CharField(label="活动名称", max_length=100)
    starts_on = forms.DateField(label="活动日期", widget=date_input())
    ends_on = forms.DateField(label="结束日期", required=False, widget=date_input(), help_text="一天的活动留空")
    place = forms.CharField(label="地点", max_length=200)
    organiser = forms.CharField(label="主办", max_length=200, required=False, help_text="留空即本单位")
    description = forms.CharField(label="活动简介", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    directions = forms.CharField(
        label="交通指引", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="显示在公开报名页上"
    )
    signup_closes_at = forms.DateTimeField(
        label="报名截止",
        required=False,
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def clean(self):
        data = super().clean()
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "结束日期不能早于活动日期")
        return data


class SessionForm(forms.Form):
    name = forms.CharField(label="场次名称", max_length=100)
    kind = forms.ChoiceField(label="类别", choices=Session.Kind.choices, initial=Session.Kind.OTHER)
    day = forms.DateField(label="日期", required=False, widget=date_input(), help_text="留空即活动日期")
    starts_at = forms.TimeField(label="开始时间", required=False, widget=time_input())
    ends_at = forms.TimeField(label="结束时间", required=False, widget=time_input())
    place = forms.CharField(label="地点", max_length=200, required=False)
    description = forms.CharField(label="说明", max_length=500, required=False)
    signup = forms.ChoiceField(label="报名方式", choices=Session.Signup.choices)
    capacity = forms.IntegerField(
        label="容量", required=False, min_value=1, help_text="个人报名为人数，组队报名为队数；留空即不限"
    )
    team_size_max = forms.IntegerField(label="每队人数上限", required=False, min_value=1)
    lead = StaffChoice(label="负责人", required=False, queryset=None, empty_label="（不指定）")
    lead_name = forms.CharField(label="负责人姓名", max_length=64, required=False, help_text="负责人没有账号时填写")
    sort_order = forms.IntegerField(label="排序", required=False, min_value=0)

    def __init__(self, *args, staff, capacity_locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = staff
        if capacity_locked:
            field = self.fields["capacity"]
            field.disabled = True
            field.help_text = "该场次已有报名，容量只能在报名管理中调整（会同步调整候补名单）"

    def clean(self):
        data = super().clean()
        if data.get("signup") == Session.Signup.NONE:
            if data.get("capacity") and not self.fields["capacity"].disabled:
                self.add_error("capacity", "无需报名的场次不设容量")
            data["team_size_max"] = None
        if data.get("signup") != Session.Signup.TEAM:
            data["team_size_max"] = None
        return data


class AssignmentForm(forms.Form):
    user = StaffChoice(label="工作人员", queryset=None)
    duty = forms.CharField(label="职责", max_length=64, help_text="如：总协调、签到台、展销区、安保、医疗保障")
    session = forms.ModelChoiceField(label="场次", required=False, queryset=None, empty_label="全程（整个活动）")
    day = forms.DateField(label="日期", required=False, widget=date_input())
    starts_at = forms.TimeField(label="上岗时间", required=False, widget=time_input())
    ends_at = forms.TimeField(label="离岗时间", required=False, widget=time_input())
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args, event, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["user"].queryset = staff
        self.fields["session"].queryset = event.sessions.order_by("sort_order", "id")
        self.fields["day"].initial = event.starts_on

    def clean(self):
        data = super().clean()
        day = data.get("day") or self.event.starts_on
        for field in ("starts_at", "ends_at"):
            if data.get(field):
                data[field] = timezone.make_aware(datetime.combine(day, data[field]))
        data.pop("day", None)
        return data


class TaskForm(forms.Form):
    title = forms.CharField(label="筹备事项", max_length=200)
    owner = StaffChoice(label="负责人", queryset=None)
    due_on = forms.DateField(label="完成期限", widget=date_input())
    note = forms.CharField(label="备注", max_length=300, required=False)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff


class TaskFilterForm(ListFilterForm):
    placeholder = "事项 / 备注"
    state = forms.ChoiceField(
        label="状态",
        required=False,
        choices=[("", "全部"), ("undone", "未完成"), *((k, v) for k, v in rules.TASK_STATES.items() if k != "open")],
    )
    owner = forms.TypedChoiceField(label="负责人", required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, staff=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["state"].widget.attrs["aria-label"] = "状态"
        self.fields["owner"].choices = [("", "全部负责人"), *((u.pk, u.full_name or u.username) for u in staff)]
        self.fields["owner"].widget.attrs["aria-label"] = "负责人"


class BudgetLineForm(forms.Form):
    item = forms.CharField(label="科目", max_length=64, help_text="如：舞台音响、奖品、宣传物料、安保、餐饮")
    budgeted = forms.DecimalField(label="预算金额（元）", min_value=0, max_digits=12, decimal_places=2)
    note = forms.CharField(label="说明", max_length=300, required=False)


class SpendingForm(forms.Form):
    spent_on = forms.DateField(label="支出日期", widget=date_input())
    amount = forms.DecimalField(label="金额（元）", min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    payee = forms.CharField(label="收款方", max_length=200)
    voucher = forms.CharField(label="凭证号", max_length=64, required=False)
    note = forms.CharField(label="备注", max_length=300, required=False)

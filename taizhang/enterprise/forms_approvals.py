"""Forms of approval accompaniment: the overdue list's filters, an approval item, the 帮办 officer, the service
rule."""

from __future__ import annotations

from django import forms

from taizhang.core.forms import date_input
from taizhang.core.listing import ListFilterForm
from taizhang.enterprise.rules import approvals as rules

STATUS_CHOICES = [("", "全部状态"), *rules.STATUSES.items()]


class ItemFilterForm(ListFilterForm):
    placeholder = "事项 / 项目 / 部门"
    overdue = forms.BooleanField(label="只看超期", required=False)
    status = forms.ChoiceField(label="状态", required=False, choices=STATUS_CHOICES)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["status"].widget.attrs["aria-label"] = "状态"


class ItemForm(forms.Form):
    """An item added from a kind (its department, track and limit filled in) or written out; edited in full."""

    kind = forms.ModelChoiceField(label="审批事项类型", queryset=None, required=False, empty_label="（自填）")
    name = forms.CharField(label="审批事项", max_length=64, required=False)
    department = forms.CharField(label="办理部门", max_length=64, required=False)
    track = forms.CharField(label="并联审批线", max_length=32, required=False, help_text="不同审批线上的事项同时办理")
    after = forms.ModelChoiceField(label="前置事项", queryset=None, required=False, empty_label="（不等待）")
    complexity = forms.ChoiceField(label="难度", choices=list(rules.COMPLEXITY.items()), required=False)
    statutory_days = forms.IntegerField(label="法定时限（工作日）", min_value=1, max_value=200, required=False)
    status = forms.ChoiceField(label="状态", choices=list(rules.STATUSES.items()), required=False)
    submitted_on = forms.DateField(label="申报日期", required=False, widget=date_input())
    first_contact_on = forms.DateField(label="首次联系日期", required=False, widget=date_input())
    done_on = forms.DateField(label="办结日期", required=False, widget=date_input())
    returned_reason = forms.CharField(label="退回原因", max_length=200, required=False)
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, data=None, *, kinds, siblings, editing: bool = False, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["after"].queryset = siblings
        if editing:
            del self.fields["kind"]
            for name in ("name", "department", "complexity", "statutory_days", "status"):
                self.fields[name].required = True
        else:
            self.fields["kind"].queryset = kinds
            for name in ("status", "done_on", "returned_reason"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if (
            "kind" in self.fields
            and not data.get("kind")
            and not (data.get("name") and data.get("department") and data.get("statutory_days"))
        ):
            raise forms.ValidationError("请选择审批事项类型，或填写事项名称、办理部门和法定时限")
        return data


class CompleteForm(forms.Form):
    done_on = forms.DateField(label="办结日期", widget=date_input())


class OfficerForm(forms.Form):
    officer = forms.ModelChoiceField(label="帮办专员", queryset=None, required=False, empty_label="（未指定）")
    office_phone = forms.CharField(label="办公电话（企业可见）", max_length=32, required=False)

    def __init__(self, data=None, *, staff, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["officer"].queryset = staff
        self.fields["officer"].label_from_instance = lambda u: str(u)


class ServiceRuleForm(forms.Form):
    effective_on = forms.DateField(label="生效日期", widget=date_input())
    first_contact_days = forms.IntegerField(label="首次联系（工作日）", min_value=1, initial=1)
    simple_days = forms.IntegerField(label="简单事项（工作日）", min_value=1, initial=5)
    complex_days = forms.IntegerField(label="复杂事项（工作日）", min_value=1, initial=15)
    note = forms.CharField(label="依据", max_length=200, required=False)

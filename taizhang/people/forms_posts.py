"""The forms of the posts-and-contracts pages: a post, the contracts list's filters, a contract, its renewal and its
ending. Shares are typed as a township writes them ("30%→35%→40%", "30,35,40" or one number for every year)."""

from __future__ import annotations

from django import forms

from taizhang.core import clock
from taizhang.core.forms import date_input
from taizhang.core.listing import ListFilterForm
from taizhang.people.models import Contract
from taizhang.people.rules import posts as rules

MONEY = {"step": "0.01", "inputmode": "decimal"}


def _money(label: str, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        min_value=0.01,
        widget=forms.NumberInput(attrs=MONEY),
    )


class PostForm(forms.Form):
    department = forms.ModelChoiceField(None, label="部门", empty_label=None)
    name = forms.CharField(label="岗位名称", max_length=64)
    grade = forms.CharField(label="岗位等级", max_length=32, required=False, help_text="如 七级、科员")
    monthly_pay = _money("岗位工资（元/月）")
    headcount = forms.IntegerField(label="职数", min_value=1, max_value=999, initial=1)

    def __init__(self, *args, departments, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        if editing:
            del self.fields["department"]


class ContractFilterForm(ListFilterForm):
    placeholder = "姓名 / 用户名 / 岗位"
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *Contract.Status.choices])
    ending = forms.BooleanField(
        label="90天内到期", required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )


class _TermsForm(forms.Form):
    ends_on = forms.DateField(label="聘期结束", widget=date_input())
    probation_months = forms.IntegerField(label="试用期（月）", min_value=0, max_value=12, initial=0)
    monthly_pay = _money("岗位工资（元/月）", required=False)
    shares = forms.CharField(
        label="各年度绩效薪酬占比（%）",
        max_length=100,
        help_text="每个聘期年度一个，如 30%→35%→40% 或 30,35,40；各年相同只填一个数",
    )

    def starts(self):
        return self.cleaned_data.get("starts_on")

    def clean(self):
        data = super().clean()
        starts_on, ends_on = self.starts(), data.get("ends_on")
        if starts_on and ends_on:
            if ends_on <= starts_on:
                self.add_error("ends_on", "聘期结束日期应晚于聘期开始日期")
            elif "shares" in data:
                try:
                    data["shares"] = rules.parse_shares(data["shares"], rules.term_years(starts_on, ends_on))
                except rules.ShareError as exc:
                    self.add_error("shares", exc.message)
        return data


class ContractForm(_TermsForm):
    user = forms.ModelChoiceField(None, label="受聘人")
    post = forms.ModelChoiceField(None, label="岗位")
    starts_on = forms.DateField(label="聘期开始", widget=date_input())
    field_order = ["user", "post", "starts_on", "ends_on", "probation_months", "monthly_pay", "shares"]

    def __init__(self, *args, staff, posts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff
        self.fields["user"].label_from_instance = lambda u: f"{u.full_name}（{u.username}）"
        self.fields["post"].queryset = posts
        self.fields["post"].label_from_instance = lambda p: f"{p.department.name} · {p.name}（{p.monthly_pay} 元/月）"
        self.fields["starts_on"].initial = clock.today()
        self.fields["monthly_pay"].help_text = "不填则按岗位工资"


class RenewForm(_TermsForm):
    post = forms.ModelChoiceField(None, label="岗位", help_text="续聘到其他岗位时改选")
    field_order = ["post", "ends_on", "probation_months", "monthly_pay", "shares"]

    def __init__(self, *args, contract: Contract, posts, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        self.fields["post"].queryset = posts
        self.fields["post"].initial = contract.post_id
        self.fields["post"].label_from_instance = lambda p: f"{p.department.name} · {p.name}（{p.monthly_pay} 元/月）"
        self.fields["ends_on"].initial = rules.anniversary(contract.ends_on, 3)
        self.fields["monthly_pay"].help_text = "不填则按岗位工资"
        self.fields["shares"].initial = ",".join(contract.performance_shares[-1:])

    def starts(self):
        return rules.renewal_start(self.contract.ends_on)


class EndForm(forms.Form):
    ended_on = forms.DateField(label="解聘日期", widget=date_input())
    reason = forms.CharField(label="解聘原因", max_length=200, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].initial = clock.today()

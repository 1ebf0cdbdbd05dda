"""The forms of 优秀企业家奖励: a round's settings, a nomination, a reviewer's score sheet, an objection and its
answer, the payment date."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms

from taizhang.core import clock
from taizhang.core.forms import DocumentField, StaffChoices, date_input
from taizhang.enterprise.rules import awards as rules

SCORE = {"inputmode": "decimal", "class": "form-control form-control-sm", "style": "min-width:4.5rem"}


class RoundForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="名称", max_length=100)
    pool = forms.DecimalField(
        label="奖励总额（元）", min_value=0, max_digits=14, decimal_places=2, initial=rules.DEFAULT_POOL
    )
    criteria_text = forms.CharField(
        label="评审标准及权重",
        widget=forms.Textarea(attrs={"rows": 5}),
        initial=rules.DEFAULT_CRITERIA_TEXT,
        help_text="一行一项：名称 权重，权重合计 100；开始评审前可修改",
    )
    tiers_text = forms.CharField(
        label="奖励等次",
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=rules.DEFAULT_TIERS_TEXT,
        help_text="一行一个等次：名称 名额 每名份数（好的在前）。奖励总额按份数分到每个名额，精确到分，合计等于总额；无人获得的名额不发放",
    )
    reviewers = StaffChoices(label="评审人", queryset=None, required=False)
    nominations_until = forms.DateField(label="提名截止", widget=date_input())
    publicity_days = forms.IntegerField(label="公示天数", min_value=1, max_value=30, initial=5)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        today = clock.today()
        self.fields["reviewers"].queryset = users
        self.fields["year"].initial = today.year
        self.fields["title"].initial = f"{today.year}年度优秀企业家奖励"
        self.fields["nominations_until"].initial = today + timedelta(days=30)

    def clean(self):
        data = super().clean()
        for field, parse in (("criteria_text", rules.parse_criteria), ("tiers_text", rules.parse_tiers)):
            if data.get(field):
                try:
                    parse(data[field])
                except rules.AwardRefused as exc:
                    self.add_error(field, str(exc))
        return data


class NominationForm(forms.Form):
    enterprise = forms.ModelChoiceField(label="企业", queryset=None)
    entrepreneur = forms.CharField(label="企业家姓名", max_length=32)
    post = forms.CharField(label="职务", max_length=32, help_text="如：董事长、总经理（不填身份证号）")
    nominated_by = forms.CharField(label="推荐单位/推荐人", max_length=64)
    material = DocumentField(label="推荐材料", required=False)

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises


class ScoresForm(forms.Form):
    """One field per nomination and criterion; blank leaves a score unentered."""

    def __init__(self, *args, nominations, criteria, sheets: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.nominations, self.criteria = list(nominations), list(criteria)
        self.rows = []
        for n in self.nominations:
            old = sheets.get(n.pk, [])
            names = []
            for i, c in enumerate(self.criteria):
                name = f"s_{n.pk}_{i}"
                self.fields[name] = forms.CharField(
                    label=f"{n.entrepreneur} · {c.name}",
                    required=False,
                    initial=old[i] if i < len(old) else "",
                    widget=forms.TextInput(attrs=SCORE),
                )
                names.append(name)
            self.rows.append((n, [self[name] for name in names]))

    def clean(self):
        data = super().clean()
        for name in list(self.fields):
            try:
                data[name] = rules.parse_score(data.get(name))
            except rules.AwardRefused as exc:
                self.add_error(name, str(exc))
        return data

    def scores(self) -> dict[int, list]:
        return {
            n.pk: [self.cleaned_data.get(f"s_{n.pk}_{i}") for i in range(len(self.criteria))] for n in self.nominations
        }


class ObjectionForm(forms.Form):
    nomination = forms.ModelChoiceField(label="针对的获奖企业家", queryset=None, required=False, empty_label="（整体）")
    text = forms.CharField(label="异议内容", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, awarded, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = awarded
        self.fields["nomination"].label_from_instance = lambda n: f"{n.entrepreneur}（{n.enterprise.name}）"


class AnswerForm(forms.Form):
    answer = forms.CharField(label="答复", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class PaidForm(forms.Form):
    paid_on = forms.DateField(label="支付日期", widget=date_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paid_on"].initial = clock.today()

    def clean_paid_on(self) -> date:
        return self.cleaned_data["paid_on"]

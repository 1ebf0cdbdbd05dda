from django import forms

from taizhang.core.forms import date_input
from taizhang.renewal import rules
from taizhang.renewal.models import Objection, Verdict


class FactsForm(forms.Form):
    """One person's facts; the verdict is the rules' (rules.determine), never typed."""

    registered_on = forms.DateField(
        label="迁入日期", required=False, widget=date_input(), help_text="户口迁入本址的日期；不明时留空（待定）"
    )
    left_on = forms.DateField(label="迁出/注销日期", required=False, widget=date_input())
    left_for = forms.ChoiceField(label="迁出原因", required=False, choices=[("", "—"), *rules.SPECIAL_CASES.items()])
    resident = forms.BooleanField(label="实际居住", required=False, initial=True)
    married_in_on = forms.DateField(label="婚入日期", required=False, widget=date_input())
    decided_on = forms.DateField(label="界定日期", required=False, widget=date_input(), help_text="留空为今天")


class OverrideForm(forms.Form):
    verdict = forms.ChoiceField(label="界定结果", choices=Verdict.choices)
    reason = forms.CharField(label="人工界定理由", max_length=180, widget=forms.Textarea(attrs={"rows": 2}))
    decided_on = forms.DateField(label="界定日期", required=False, widget=date_input(), help_text="留空为今天")


class PublicityForm(forms.Form):
    community = forms.TypedChoiceField(label="村居", coerce=int)
    starts_on = forms.DateField(label="公示开始日期", widget=date_input())

    def __init__(self, *args, communities, days: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [(c.pk, c.name) for c in communities]
        self.fields["starts_on"].help_text = f"公示 {days} 天（含开始当天）"


class ObjectionForm(forms.Form):
    entry = forms.TypedChoiceField(label="户", coerce=int)
    submitted_by = forms.CharField(label="异议人", max_length=64)
    received_on = forms.DateField(label="收到日期", widget=date_input())
    content = forms.CharField(label="异议内容", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [
            (line.entry_id, f"{line.entry.household.household_no} {line.head_name}") for line in lines
        ]


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label="处理结果", choices=Objection.Outcome.choices)
    answer = forms.CharField(label="答复", widget=forms.Textarea(attrs={"rows": 3}))
    answered_on = forms.DateField(label="答复日期", required=False, widget=date_input(), help_text="留空为今天")

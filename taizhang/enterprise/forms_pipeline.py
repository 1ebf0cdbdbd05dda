"""The pipeline's forms: lead sources, a project, a stage move, dropping, a follow-up, credit shares, stage norms and
the project list's filters. Choices come from the caller's unit; the services check everything again."""

from __future__ import annotations

from django import forms

from taizhang.core.forms import DocumentField, date_input
from taizhang.core.listing import ListFilterForm
from taizhang.enterprise.models import Project, Station
from taizhang.enterprise.pipeline import START_STAGES
from taizhang.enterprise.rules import pipeline as rules
from taizhang.enterprise.rules.stages import CODES, INDEX, LABELS, STAGES


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.full_name or user.username


class StationForm(forms.ModelForm):
    class Meta:
        model = Station
        fields = ["name", "kind", "region", "is_active"]
        help_texts = {"region": "外派招商站必填，例如：美国、日本、台湾、中国香港"}


class ProjectForm(forms.ModelForm):
    """A project's fields; a new one also chooses where it starts (线索 or 洽谈) and since when."""

    start_stage = forms.ChoiceField(label="起始阶段", choices=[(c, LABELS[c]) for c in START_STAGES])
    start_on = forms.DateField(label="起始日期", widget=date_input())

    class Meta:
        model = Project
        fields = [
            "name",
            "investor",
            "enterprise",
            "chain",
            "source",
            "officer",
            "planned_investment",
            "actual_investment",
            "registered_capital",
            "paid_in_capital",
            "land_mu",
            "promised_output_per_mu",
            "promised_tax_per_mu",
            "promise_year",
            "note",
        ]

    def __init__(self, *args, enterprises, chains, stations, officers, new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises
        self.fields["chain"].queryset = chains
        self.fields["source"].queryset = stations
        self.fields["officer"] = UserChoice(queryset=officers, label="招商责任人", required=False)
        self.fields["promise_year"].widget.attrs.update(min=2000, max=2100)
        if not new:
            del self.fields["start_stage"], self.fields["start_on"]

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MoveForm(forms.Form):
    target = forms.ChoiceField(label="推进到")
    on = forms.DateField(label="到达日期", widget=date_input())
    evidence = DocumentField(
        label="佐证材料", required=False, help_text="签约及以后的阶段必传：合同、营业执照、土地或施工手续等"
    )
    owner = UserChoice(queryset=None, label="阶段责任人", required=False)
    note = forms.CharField(label="说明", max_length=300, required=False)

    def __init__(self, *args, project: Project, officers, **kwargs):
        super().__init__(*args, **kwargs)
        later = [(c, LABELS[c]) for c in CODES if INDEX[c] > INDEX[project.stage]]
        self.fields["target"].choices = later
        self.fields["owner"].queryset = officers
        self.fields["owner"].initial = project.officer_id


class DropForm(forms.Form):
    on = forms.DateField(label="终止日期", widget=date_input())
    reason = forms.CharField(label="终止原因", max_length=200)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class FollowUpForm(forms.Form):
    happened_on = forms.DateField(label="跟进日期", widget=date_input())
    summary = forms.CharField(label="跟进情况", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    next_action = forms.CharField(label="下一步工作", max_length=200, required=False)
    next_on = forms.DateField(label="下一步日期", required=False, widget=date_input())


CREDIT_ROWS = 4


class CreditForm(forms.Form):
    """Up to CREDIT_ROWS officers and their shares (%); empty rows are left out."""

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(CREDIT_ROWS):
            self.fields[f"user_{n}"] = UserChoice(queryset=officers, label=f"招商人员 {n + 1}", required=False)
            self.fields[f"share_{n}"] = forms.DecimalField(
                label=f"占比 {n + 1}（%）", required=False, max_digits=5, decimal_places=2
            )

    def shares(self) -> list:
        rows = []
        for n in range(CREDIT_ROWS):
            user, share = self.cleaned_data.get(f"user_{n}"), self.cleaned_data.get(f"share_{n}")
            if user is None and share is None:
                continue
            if user is None or share is None:
                raise forms.ValidationError(f"第 {n + 1} 行：请同时选择人员并填写占比")
            rows.append((user, share))
        return rows


class NormForm(forms.Form):
    """Each stage's usual time (days) and fixed probability (%) from a day on."""

    effective_on = forms.DateField(label="起用日期", widget=date_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in STAGES:
            if rules.DEFAULT_USUAL_DAYS[code] is not None:
                self.fields[f"days_{code}"] = forms.IntegerField(label=f"{label} 通常用时（天）", min_value=1)
            self.fields[f"probability_{code}"] = forms.IntegerField(
                label=f"{label} 成功概率（%）", min_value=0, max_value=100
            )

    def usual_days(self) -> dict:
        return {c: self.cleaned_data.get(f"days_{c}") for c in CODES}

    def probability(self) -> dict:
        return {c: self.cleaned_data[f"probability_{c}"] for c in CODES}


class ProjectFilterForm(ListFilterForm):
    placeholder = "项目名称 / 投资方 / 企业"
    stage = forms.ChoiceField(label="阶段", required=False, choices=[("", "全部阶段"), *STAGES])
    source = forms.TypedChoiceField(label="线索来源", required=False, coerce=int, empty_value=None)
    chain = forms.TypedChoiceField(label="产业链", required=False, coerce=int, empty_value=None)
    officer = forms.TypedChoiceField(label="招商人员", required=False, coerce=int, empty_value=None)
    stuck = forms.BooleanField(label="停滞", required=False)
    lagging = forms.BooleanField(label="达效滞后", required=False)
    dropped = forms.BooleanField(label="已终止", required=False)

    def __init__(self, data=None, *, stations, chains, officers, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["source"].choices = [("", "全部来源"), *((s.pk, s.name) for s in stations)]
        self.fields["chain"].choices = [("", "全部产业链"), *((c.pk, c.name) for c in chains)]
        self.fields["officer"].choices = [("", "全部招商人员"), *((u.pk, u.full_name or u.username) for u in officers)]
        for name in ("stage", "source", "chain", "officer"):
            self.fields[name].widget.attrs["aria-label"] = self.fields[name].label
        for name in ("stuck", "lagging", "dropped"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

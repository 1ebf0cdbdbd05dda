"""链长制 forms: a chain, a link, placing an enterprise and taking it off, a target, its status, the target list's
filters."""

from __future__ import annotations

from django import forms

from taizhang.core.listing import ListFilterForm
from taizhang.enterprise.models import Chain, ChainLink, ChainTarget


class ChainForm(forms.ModelForm):
    class Meta:
        model = Chain
        fields = ["name", "leader_name", "leader", "description"]
        help_texts = {"leader": "链长有系统账号时选择，便于其查看本链；没有可不选"}

    def __init__(self, *args, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders
        self.fields["leader"].label_from_instance = lambda u: u.full_name or u.username


class LinkForm(forms.ModelForm):
    class Meta:
        model = ChainLink
        fields = ["name", "position", "sort_order"]
        help_texts = {"sort_order": "同一位置内按排序从小到大排列"}


class PlaceForm(forms.Form):
    enterprise = forms.ModelChoiceField(label="企业", queryset=None, empty_label="选择要落位的企业")

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises


class UnplaceForm(forms.Form):
    enterprise = forms.ModelChoiceField(label="企业", queryset=None, widget=forms.HiddenInput)
    reason = forms.CharField(label="移出原因", max_length=200)

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises


def _officer_field(form, officers) -> None:
    field = form.fields["officer"]
    field.queryset = officers
    field.label_from_instance = lambda u: u.full_name or u.username


class TargetForm(forms.ModelForm):
    class Meta:
        model = ChainTarget
        fields = ["company", "region", "reason", "status", "officer", "next_on", "note"]
        widgets = {"next_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, officers, **kwargs):
        super().__init__(*args, **kwargs)
        _officer_field(self, officers)


class TargetStatusForm(forms.Form):
    status = forms.ChoiceField(label="状态", choices=ChainTarget.Status.choices)
    next_on = forms.DateField(label="下一步日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))


class TargetFilterForm(ListFilterForm):
    placeholder = "目标企业 / 地区 / 理由"
    chain = forms.TypedChoiceField(label="产业链", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *ChainTarget.Status.choices])
    officer = forms.TypedChoiceField(label="责任人", required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, chains, officers, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["chain"].choices = [("", "全部产业链"), *((c.pk, c.name) for c in chains)]
        self.fields["officer"].choices = [("", "全部责任人"), *((u.pk, u.full_name or u.username) for u in officers)]
        for name in ("chain", "status", "officer"):
            self.fields[name].widget.attrs["aria-label"] = self.fields[name].label

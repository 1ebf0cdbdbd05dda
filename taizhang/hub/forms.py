from django import forms

from taizhang.core.manifest import modules


class UnitModulesForm(forms.Form):
    """One unit's modules, as checkboxes."""

    modules = forms.MultipleChoiceField(
        label="启用的模块", required=False, widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["modules"].choices = [(spec.key, spec.name) for spec in modules()]


class TargetForm(forms.Form):
    """One figure's target; empty clears it."""

    metric = forms.CharField(max_length=64)
    value = forms.DecimalField(label="目标值", required=False, min_value=0, max_digits=12, decimal_places=1)


class CockpitForm(forms.Form):
    """The cockpit's day (today by default): the figures as they stood at its end."""

    as_of = forms.DateField(label="截至", required=False, input_formats=["%Y-%m-%d"])


class InboxFilterForm(forms.Form):
    """The inbox's GET filters: the tab (我的 / 本组), a kind, a search word, the page."""

    tab = forms.ChoiceField(choices=[("mine", "我的"), ("group", "本组")], required=False)
    kind = forms.CharField(max_length=64, required=False)
    q = forms.CharField(label="搜索", max_length=64, required=False)
    page = forms.IntegerField(min_value=1, required=False)


class NotificationFilterForm(forms.Form):
    unread = forms.BooleanField(required=False)
    page = forms.IntegerField(min_value=1, required=False)

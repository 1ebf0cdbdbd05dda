from django import forms

from taizhang.core.manifest import modules


class UnitModulesForm(forms.Form):
    """One unit's modules, as checkboxes."""

    modules = forms.MultipleChoiceField(label="启用的模块", required=False, widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["modules"].choices = [(spec.key, spec.name) for spec in modules()]

from django import forms

from taizhang.core.forms import date_input
from taizhang.org.models import OrgNode


class ProjectForm(forms.Form):
    name = forms.CharField(label="项目名称", max_length=64)
    communities = forms.ModelMultipleChoiceField(OrgNode.objects.none(), label="涉及村居",
                                                 widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    start_date = forms.DateField(label="启动日期", widget=date_input())
    freeze_date = forms.DateField(label="冻结日期", widget=date_input(),
                                  help_text="冻结日当天在册的户籍计入；此后迁入、新建、扩建的不予认定和补偿")
    publicity_days = forms.IntegerField(label="公示期（天）", min_value=1, max_value=60, initial=7)

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["communities"].queryset = OrgNode.objects.filter(unit_id=unit_id, kind=OrgNode.Kind.COMMUNITY,
                                                                     is_active=True).order_by("path")


class HouseholdAddForm(forms.Form):
    household_no = forms.CharField(label="户编号", max_length=32)

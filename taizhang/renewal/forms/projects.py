from django import forms

from taizhang.core.forms import StaffChoices, date_input
from taizhang.org.models import OrgNode, Role, User
from taizhang.renewal import rules
from taizhang.renewal.models import ProjectGroup


class ProjectForm(forms.Form):
    name = forms.CharField(label="项目名称", max_length=64)
    communities = forms.ModelMultipleChoiceField(
        OrgNode.objects.none(),
        label="涉及村居",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    start_date = forms.DateField(label="启动日期", widget=date_input())
    freeze_date = forms.DateField(
        label="冻结日期",
        widget=date_input(),
        help_text="冻结日当天在册的户籍计入；此后迁入、新建、扩建的不予认定和补偿",
    )
    publicity_days = forms.IntegerField(label="公示期（天）", min_value=1, max_value=60, initial=7)

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["communities"].queryset = OrgNode.objects.filter(
            unit_id=unit_id, kind=OrgNode.Kind.COMMUNITY, is_active=True
        ).order_by("sort_order", "id")


class HouseholdAddForm(forms.Form):
    household_no = forms.CharField(label="户编号", max_length=32)


class ProjectSettingsForm(forms.Form):
    name = forms.CharField(label="项目名称", max_length=64)
    start_date = forms.DateField(label="启动日期", widget=date_input())
    freeze_date = forms.DateField(label="冻结日期", widget=date_input())
    publicity_days = forms.IntegerField(label="公示期（天）", min_value=1, max_value=60)
    special_cases = forms.MultipleChoiceField(
        label="冻结前户口迁出、仍予认定的特殊情形",
        required=False,
        choices=list(rules.SPECIAL_CASES.items()),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    newborn_cutoff = forms.DateField(label="冻结后出生的子女，认定截止日", required=False, widget=date_input())
    marriage_cutoff = forms.DateField(label="婚入的配偶，认定截止日", required=False, widget=date_input())
    reason = forms.CharField(label="修改原因", max_length=200, required=False, help_text="修改冻结日期时必填")


class GroupForm(forms.Form):
    name = forms.CharField(label="组名", max_length=64)
    kind = forms.ChoiceField(label="类型", choices=ProjectGroup.Kind.choices)
    communities = forms.ModelMultipleChoiceField(
        OrgNode.objects.none(),
        label="负责村居",
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    blocks = forms.CharField(label="负责片区（街巷）", max_length=200, required=False)
    leader = forms.ModelChoiceField(User.objects.none(), label="组长", required=False)
    members = StaffChoices(User.objects.none(), label="组员", required=False)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        staff = (
            User.objects.filter(unit_id=project.unit_id, is_active=True)
            .exclude(role=Role.AUDITOR)
            .order_by("full_name")
        )
        self.fields["communities"].queryset = project.ordered_communities()
        self.fields["leader"].queryset = staff
        self.fields["members"].queryset = staff


class FreezeNoticeForm(forms.Form):
    issued_on = forms.DateField(label="发布日期", widget=date_input())
    scope = forms.CharField(label="冻结范围", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    text = forms.CharField(label="公告正文", widget=forms.Textarea(attrs={"rows": 10}))

from django import forms

from taizhang.core import clock
from taizhang.core.forms import MultipleImageField, PhotoField, date_input
from taizhang.org.models import OrgNode, User
from taizhang.renewal.models import (
    CERTIFICATES,
    LAND_TYPES,
    STRUCTURES,
    USES,
    Site,
)

PHOTO_ATTRS = {"accept": "image/*", "capture": "environment"}


def _choices(values, blank=None):
    return ([("", blank)] if blank else []) + [(v, v) for v in values]


class SiteForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=Site.Kind.choices)
    number = forms.CharField(label="编号", max_length=32)
    community = forms.ModelChoiceField(OrgNode.objects.none(), label="村居")
    owners = forms.CharField(
        label="产权户（户编号）",
        max_length=300,
        required=False,
        help_text="院落填产权户的户编号，共用院落的多户用“、”分隔；户须已在项目征收范围内",
    )
    enterprise = forms.CharField(label="企业名称（厂房）", max_length=100, required=False)
    land_type = forms.ChoiceField(label="土地性质", choices=_choices(LAND_TYPES, "—"), required=False)
    address = forms.CharField(label="位置", max_length=200, required=False)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = project.ordered_communities()


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.full_name or user.username


class MeasurementForm(forms.Form):
    measured_on = forms.DateField(label="测量日期", widget=date_input())
    measurer_1 = StaffChoice(User.objects.none(), label="测量人一")
    measurer_2 = StaffChoice(User.objects.none(), label="测量人二")
    site_area = forms.DecimalField(
        label="占地面积（m²）",
        max_digits=12,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    owner_confirmation = PhotoField(
        label="产权人确认（签字照片）",
        required=False,
        widget=forms.ClearableFileInput(attrs=PHOTO_ATTRS),
        help_text="请产权人在测量表上签字后拍照",
    )
    sketch = PhotoField(label="平面草图", required=False, widget=forms.ClearableFileInput(attrs=PHOTO_ATTRS))
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measurer_1"].queryset = staff
        self.fields["measurer_2"].queryset = staff
        self.fields["measured_on"].initial = clock.today()

    def clean(self):
        data = super().clean()
        if data.get("measurer_1") and data.get("measurer_1") == data.get("measurer_2"):
            self.add_error("measurer_2", "测量须由两名不同的人员进行")
        return data


class PhotosForm(forms.Form):
    photos = MultipleImageField(label="现场照片", required=False)


class BuildingForm(forms.Form):
    label = forms.CharField(label="房屋", max_length=32, initial="主房")
    structure = forms.ChoiceField(label="结构", choices=_choices(STRUCTURES))
    floors = forms.IntegerField(
        label="层数", min_value=1, max_value=200, initial=1, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    use = forms.ChoiceField(label="用途", choices=_choices(USES))
    certificate = forms.ChoiceField(label="证照", choices=_choices(CERTIFICATES))
    built_on = forms.DateField(label="建成日期", required=False, widget=date_input())
    floor_area = forms.DecimalField(
        label="建筑面积（m²）",
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


class AttachmentForm(forms.Form):
    kind = forms.CharField(
        label="附属物", max_length=32, widget=forms.TextInput(attrs={"placeholder": "围墙、水井、树木…"})
    )
    quantity = forms.DecimalField(
        label="数量",
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    measure_unit = forms.CharField(
        label="单位", max_length=8, required=False, widget=forms.TextInput(attrs={"placeholder": "米、眼、棵"})
    )


BuildingFormSet = forms.formset_factory(
    BuildingForm, extra=0, min_num=1, validate_min=True, max_num=50, validate_max=True
)
AttachmentFormSet = forms.formset_factory(AttachmentForm, extra=0, max_num=50, validate_max=True)

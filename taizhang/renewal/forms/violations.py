from django import forms

from taizhang.core import clock
from taizhang.core.forms import MultipleImageField, MultiplePhotoInput, date_input
from taizhang.renewal.models import Violation

CAMERA = {"multiple": True, "accept": "image/*", "capture": "environment"}


def camera_photos(label: str, required: bool = False) -> MultipleImageField:
    """Several photos from the phone's camera (or its gallery), keeping the camera's position: evidence of where the
    construction stands."""
    return MultipleImageField(
        label=label, required=required, widget=MultiplePhotoInput(attrs=CAMERA), keep_position=True
    )


class ViolationForm(forms.Form):
    household_no = forms.CharField(
        label="所在户（户编号）",
        max_length=32,
        required=False,
        help_text="在征收户院内的填户编号；空地、道路等不属于某户的，选择村居",
    )
    community = forms.ModelChoiceField(None, label="村居", required=False, empty_label="（按户确定）")
    location = forms.CharField(label="位置", max_length=200)
    kind = forms.ChoiceField(label="类型", choices=Violation.Kind.choices)
    description = forms.CharField(label="情况", widget=forms.Textarea(attrs={"rows": 3}))
    area = forms.DecimalField(
        label="面积（m²）",
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0.01,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    found_on = forms.DateField(label="发现日期", widget=date_input())
    photos = camera_photos("现场照片")

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities
        self.fields["found_on"].initial = clock.today()


class ProgressForm(forms.Form):
    progress = forms.ChoiceField(label="进展", choices=[c for c in Violation.Progress.choices if c[0] != "reported"])
    on = forms.DateField(label="日期", widget=date_input(), help_text="制止或拆除的日期")
    photos = camera_photos("照片（拆除后必传）")
    note = forms.CharField(label="说明", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        order = [value for value, _ in Violation.Progress.choices]
        self.fields["progress"].choices = [
            c for c in Violation.Progress.choices if order.index(c[0]) > order.index(current)
        ]
        self.fields["on"].initial = clock.today()

"""Forms of the living environment (人居环境)."""

from __future__ import annotations

from django import forms

from taizhang.assistance.models import CleaningRecord
from taizhang.assistance.rules import FURNITURE, HYGIENE_RATINGS
from taizhang.core.forms import PhotoField, date_input


class CleaningForm(forms.Form):
    day = forms.DateField(label="清扫日期", widget=date_input())
    cleaner_kind = forms.ChoiceField(label="清扫人", choices=CleaningRecord.Cleaner.choices)
    cleaner_name = forms.CharField(label="姓名", max_length=64)
    rating = forms.ChoiceField(label="卫生状况", choices=[(r, r) for r in HYGIENE_RATINGS])
    note = forms.CharField(label="说明", required=False, max_length=200)
    before_photo = PhotoField(label="清扫前照片", required=False)
    after_photo = PhotoField(label="清扫后照片", required=False)


class NeedForm(forms.Form):
    item = forms.ChoiceField(label="家具", choices=[(f, f) for f in FURNITURE])
    quantity = forms.IntegerField(label="数量", min_value=1, max_value=20, initial=1)
    note = forms.CharField(label="说明", required=False, max_length=200)


class DeliveryForm(forms.Form):
    day = forms.DateField(label="送达日期", widget=date_input())
    photo = PhotoField(label="送达照片")


class BatchForm(forms.Form):
    day = forms.DateField(label="采购日期", widget=date_input())
    supplier = forms.CharField(label="供货单位", max_length=100)
    note = forms.CharField(label="说明", required=False, max_length=200)

    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        for item in FURNITURE:
            self.fields[f"qty-{item}"] = forms.IntegerField(label=f"{item} 数量", required=False, min_value=0)
            self.fields[f"price-{item}"] = forms.DecimalField(
                label=f"{item} 单价（元）", required=False, min_value=0, max_digits=10, decimal_places=2
            )
        self.fields["needs"] = forms.ModelMultipleChoiceField(
            needs,
            label="本批对应的需求",
            required=False,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        )
        self.fields["needs"].label_from_instance = lambda n: (
            f"{n.assisted.household.household_no} {n.item} × {n.quantity}"
        )

    def lines(self) -> list:
        data = self.cleaned_data
        return [
            (item, data[f"qty-{item}"], data[f"price-{item}"])
            for item in FURNITURE
            if data.get(f"qty-{item}") and data.get(f"price-{item}") is not None
        ]

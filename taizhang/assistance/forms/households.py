"""Forms of assisted households and their visits (帮扶户、走访)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone

from taizhang.assistance.models import CHECKLIST, FINDINGS, Category, CheckResult
from taizhang.core.forms import MultipleImageField, StaffChoices, date_input
from taizhang.org.models import Role, User


def unit_staff(unit_id: int):
    return User.objects.filter(unit_id=unit_id, is_active=True).exclude(role=Role.AUDITOR).order_by("full_name")


class VisitForm(forms.Form):
    """One form for the phone (times filled by 开始/结束) and for entering a past visit by hand."""

    visit_date = forms.DateField(label="走访日期", widget=date_input())
    start_time = forms.TimeField(label="开始时间", widget=forms.TimeInput(attrs={"type": "time", "step": 60}))
    end_time = forms.TimeField(label="结束时间", widget=forms.TimeInput(attrs={"type": "time", "step": 60}))
    ends_next_day = forms.BooleanField(label="次日结束（跨午夜）", required=False)
    visitors = StaffChoices(User.objects.none(), label="走访人")
    notes = forms.CharField(label="走访内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    # The camera's position stays in visit photos: with the visit's own positions, evidence the helper was there.
    photos = MultipleImageField(label="照片", required=False, keep_position=True)
    idempotency_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    start_latitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)
    start_longitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)
    end_latitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)
    end_longitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)

    def __init__(self, *args, visitor_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visitors"].queryset = visitor_choices
        for key, label, topic in CHECKLIST:
            self.fields[key] = forms.ChoiceField(
                label=f"{label}（{topic}）",
                choices=CheckResult.choices,
                initial=CheckResult.SKIPPED,
                widget=forms.RadioSelect,
            )
            self.fields[f"{key}_note"] = forms.CharField(label=f"{topic}说明", required=False, max_length=200)
        for key, label in FINDINGS:
            self.fields[key] = forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        day, start, end = data.get("visit_date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            zone = timezone.get_current_timezone()
            data["started_at"] = datetime.combine(day, start, tzinfo=zone)
            data["ended_at"] = datetime.combine(
                day + timedelta(days=data.get("ends_next_day", False)), end, tzinfo=zone
            )
        return data

    def position(self, which: str):
        lat, lng = self.cleaned_data.get(f"{which}_latitude"), self.cleaned_data.get(f"{which}_longitude")
        return (lat, lng) if lat is not None and lng is not None else None

    def visit_values(self) -> dict:
        keys = (
            [k for k, _, _ in CHECKLIST] + [f"{k}_note" for k, _, _ in CHECKLIST] + [k for k, _ in FINDINGS] + ["notes"]
        )
        return {key: self.cleaned_data.get(key) or "" for key in keys}


class AssistedForm(forms.Form):
    household_no = forms.CharField(label="户编号", max_length=32)
    category = forms.ChoiceField(label="帮扶类别", choices=Category.choices)
    start_date = forms.DateField(label="帮扶开始日期", widget=date_input())
    helpers = StaffChoices(User.objects.none(), label="帮扶责任人")

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["helpers"].queryset = unit_staff(unit_id)


class HelpersForm(forms.Form):
    helpers = StaffChoices(User.objects.none(), label="帮扶责任人")
    on = forms.DateField(label="自哪天起", widget=date_input())
    reason = forms.CharField(label="原因", required=False, max_length=200)

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["helpers"].queryset = unit_staff(unit_id)


class MeasuresForm(forms.Form):
    measures = forms.CharField(label="帮扶措施（每行一条）", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    benefits = forms.CharField(
        label="其他享受政策（每行一条）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="教育资助、残疾人补贴、低保等由台账自动列出",
    )


class LocationForm(forms.Form):
    latitude = forms.DecimalField(label="纬度", max_digits=9, decimal_places=6, min_value=-90, max_value=90)
    longitude = forms.DecimalField(label="经度", max_digits=9, decimal_places=6, min_value=-180, max_value=180)


class VisitModeForm(forms.Form):
    """How the visit form opens: on the phone (开始/结束), or for entering a past visit by hand (?mode=manual)."""

    mode = forms.ChoiceField(required=False, choices=[("phone", "手机走访"), ("manual", "补录")])


class CardSearchForm(forms.Form):
    q = forms.CharField(label="搜索", required=False, max_length=64)


class VisitShownForm(forms.Form):
    """How a visit's page was reached: right after the phone or the form submitted it (?submitted=new), or after a
    re-send that found it already recorded (?submitted=again)."""

    submitted = forms.ChoiceField(required=False, choices=[("new", "new"), ("again", "again")])


def is_manual(data) -> bool:
    form = VisitModeForm(data)
    return form.is_valid() and form.cleaned_data["mode"] == "manual"

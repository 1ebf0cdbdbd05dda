"""GET filters several areas share: a month (with a 村居), a range of months. Each reads a
GET through a form like every input; what the form refuses falls back to the default instead of a 500."""

from __future__ import annotations

from datetime import date

from django import forms

from taizhang.assistance.rules import Month
from taizhang.core import clock
from taizhang.core.listing import ListFilterForm


class MonthField(forms.CharField):
    """A month written 2020-09: a Month once cleaned, None when left empty."""

    def to_python(self, value) -> Month | None:
        text = super().to_python(value)
        if not text:
            return None
        try:
            return Month.parse(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc))


class MonthForm(forms.Form):
    month = MonthField(required=False)
    community = forms.IntegerField(required=False, min_value=1)


def month_from(data) -> tuple[Month, int | None]:
    """The month (this month when none or one the form refuses) and the 村居 a GET asks for."""
    form = MonthForm(data)
    if form.is_valid():
        return form.cleaned_data["month"] or Month.of(clock.today()), form.cleaned_data["community"]
    return Month.of(clock.today()), None


class MonthRangeForm(forms.Form):
    """?from=2020-07&to=2020-09; "from" is a Python keyword, so the fields are added here, not declared."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = MonthField(required=False)
        self.fields["to"] = MonthField(required=False)


def days_from(data, *, first: date, last: date) -> tuple[date, date, list[str]]:
    """The first day of the `from` month and the last day of the `to` month a GET asks for, the given days where it
    asks for none; both given days, and the form's errors to show, when it asks for a month the form refuses."""
    form = MonthRangeForm(data)
    if not form.is_valid():
        return first, last, [error for errors in form.errors.values() for error in errors]
    start, end = form.cleaned_data["from"], form.cleaned_data["to"]
    return (start.first_day if start else first), (end.last_day if end else last), []


DUE, MET = "due", "met"


class AssistedFilterForm(ListFilterForm):
    """帮扶户's filters: search, 村居, 帮扶责任人 (the module's grouping of households), this month's visits."""

    placeholder = "户编号 / 户主或成员姓名 / 拼音首字母 / 地址"
    month = MonthField(required=False, widget=forms.HiddenInput)
    visits = forms.ChoiceField(
        label="本月走访", required=False, choices=[("", "达标/未达标"), (DUE, "本月未达标"), (MET, "本月已达标")]
    )

    def __init__(self, data, *, communities, helpers):
        super().__init__(data, communities=communities, groups=helpers, group_label="帮扶责任人")

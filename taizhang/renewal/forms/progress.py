"""The as-of day the dashboard and the brief are computed for (a GET filter, through a form like every input)."""

from __future__ import annotations

from datetime import date

from django import forms

from taizhang.core import clock
from taizhang.core.forms import date_input


class AsOfForm(forms.Form):
    as_of = forms.DateField(
        label="截至日期",
        required=False,
        widget=date_input(),
        error_messages={"invalid": "日期看不懂，请写成 2020-09-15 这样的日期"},
    )

    def clean_as_of(self) -> date:
        today = clock.today()
        as_of = self.cleaned_data.get("as_of") or today
        if as_of > today:
            raise forms.ValidationError(f"截至日期不能晚于今天（{today:%Y-%m-%d}）")
        return as_of


def as_of_from(data) -> tuple[date, AsOfForm]:
    """The as-of day a GET asks for, today when it asks for none or for one the form refuses (its error shown)."""
    form = AsOfForm(data)
    return (form.cleaned_data["as_of"] if form.is_valid() else clock.today()), form

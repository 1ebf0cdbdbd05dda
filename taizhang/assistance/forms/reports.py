"""The report a GET asks to download (?kind=…&format=pdf|xlsx)."""

from __future__ import annotations

from django import forms

from taizhang.assistance.reports import REPORTS


class ReportForm(forms.Form):
    kind = forms.ChoiceField(choices=[(key, title) for key, (title, _) in REPORTS.items()])
    format = forms.ChoiceField(choices=[("pdf", "PDF"), ("xlsx", "Excel")])

"""The check-in page's code box and the walk-in form."""

from __future__ import annotations

from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="签到码",
        max_length=20,
        help_text="用手机相机或微信扫一扫扫码，或输入签到码",
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg text-center",
                "placeholder": "ABCD-EFGH",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "autofocus": True,
            }
        ),
    )

"""Forms of the trainings (调度培训)."""

from __future__ import annotations

from django import forms

from taizhang.core.forms import DocumentField, date_input


class ScheduleForm(forms.Form):
    start = forms.DateField(label="首次日期", widget=date_input())
    until = forms.DateField(label="安排到", widget=date_input())
    interval_days = forms.IntegerField(label="间隔（天）", min_value=1, max_value=90, initial=14)
    topics = forms.CharField(
        label="培训内容", required=False, max_length=200, help_text="如：入户走访、住房安全、医疗教育"
    )


class SessionForm(forms.Form):
    topics = forms.CharField(label="培训内容", required=False, max_length=200)
    materials = forms.CharField(label="材料与要求", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    material_file = DocumentField(label="材料文件", required=False)

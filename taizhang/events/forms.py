"""The events list's filters."""

from __future__ import annotations

from django import forms

from taizhang.core.listing import ListFilterForm


class EventFilterForm(ListFilterForm):
    placeholder = "活动名称 / 地点"
    when = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部活动"), ("upcoming", "未结束"), ("past", "已结束")]
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["when"].widget.attrs["aria-label"] = "状态"

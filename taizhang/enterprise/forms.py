"""The registry's forms: the enterprise list's filters."""

from __future__ import annotations

from django import forms

from taizhang.core.listing import ListFilterForm
from taizhang.enterprise.models import Enterprise
from taizhang.enterprise.rules import tags as tag_rules

TAG_CHOICES = [("", "全部标签"), ("four_new", "四新企业"), *tag_rules.TAGS]


class EnterpriseFilterForm(ListFilterForm):
    placeholder = "企业名称 / 信用代码 / 联系人"
    chain = forms.TypedChoiceField(label="产业链", required=False, coerce=int, empty_value=None)
    tag = forms.ChoiceField(label="标签", required=False, choices=TAG_CHOICES)
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *Enterprise.Status.choices])

    def __init__(self, data=None, *, parks, chains, **kwargs):
        super().__init__(data, groups=parks, group_label="园区", **kwargs)
        self.fields["chain"].choices = [("", "全部产业链"), *((c.pk, c.name) for c in chains)]
        for name in ("chain", "tag", "status"):
            self.fields[name].widget.attrs["aria-label"] = self.fields[name].label

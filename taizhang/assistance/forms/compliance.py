"""The unit's visit rules (走访规则), which the month's compliance is judged by."""

from __future__ import annotations

from django import forms

from taizhang.assistance.models import VisitRuleVersion
from taizhang.core.forms import date_input


class RuleVersionForm(forms.ModelForm):
    class Meta:
        model = VisitRuleVersion
        fields = ["effective_from", "min_visits_per_month", "min_minutes", "note"]
        widgets = {"effective_from": date_input()}
        help_texts = {
            "effective_from": "走访时长按走访当天有效的规则判断；每月次数按当月 1 日有效的规则判断（月中生效的次数要求从下月起适用）"
        }

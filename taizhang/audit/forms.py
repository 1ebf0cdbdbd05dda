from django import forms

from taizhang.audit.models import AuditEntry
from taizhang.core.forms import date_input

OBJECT_TYPES = [("", "全部对象"), ("registry.household", "户"), ("registry.person", "人员"), ("registry.import", "导入"),
                ("registry.export", "导出"), ("org.user", "工作人员"), ("org.node", "组织节点")]


class AuditSearchForm(forms.Form):
    q = forms.CharField(label="关键词", required=False, max_length=60)
    actor = forms.CharField(label="操作人", required=False, max_length=60)
    action = forms.ChoiceField(label="操作", required=False, choices=[("", "全部操作")] + AuditEntry.Action.choices)
    object_type = forms.ChoiceField(label="对象", required=False, choices=OBJECT_TYPES)
    date_from = forms.DateField(label="从", required=False, widget=date_input())
    date_to = forms.DateField(label="到", required=False, widget=date_input())

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "结束日期不能早于开始日期")
        return data

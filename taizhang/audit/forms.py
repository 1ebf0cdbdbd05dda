from django import forms

from taizhang.audit.labels import action_labels, object_type_labels
from taizhang.core.forms import date_input
from taizhang.org.modules import enabled_keys


class AuditSearchForm(forms.Form):
    q = forms.CharField(label="关键词", required=False, max_length=60)
    actor = forms.CharField(label="操作人", required=False, max_length=60)
    action = forms.ChoiceField(label="操作", required=False)
    object_type = forms.ChoiceField(label="对象", required=False)
    date_from = forms.DateField(label="从", required=False, widget=date_input())
    date_to = forms.DateField(label="到", required=False, widget=date_input())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", "全部操作"), *action_labels().items()]
        self.fields["object_type"].choices = [("", "全部对象"), *object_type_labels(enabled_keys(user)).items()]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "结束日期不能早于开始日期")
        return data

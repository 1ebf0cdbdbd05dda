from django import forms

from taizhang.core.forms import ImportFileField
from taizhang.renewal.crosschecks import DISCREPANCIES
from taizhang.renewal.models import CrosscheckTask


class PoliceExtractForm(forms.Form):
    file = ImportFileField(
        label="派出所户籍数据",
        help_text="Excel（.xlsx）或 CSV（UTF-8 或 GBK 编码）；列：姓名、身份证号、户号、住址、迁入日期、户籍状态",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class TaskFilterForm(forms.Form):
    category = forms.ChoiceField(
        label="类别", required=False, choices=[("", "全部类别"), *((c, c) for c in DISCREPANCIES)]
    )
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *CrosscheckTask.Status.choices])


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label="核实和处理情况",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "如：已核对户口簿，台账姓名录入有误，已更正"}),
    )

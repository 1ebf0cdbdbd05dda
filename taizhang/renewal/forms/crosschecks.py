from django import forms

from taizhang.core.forms import ImportFileField
from taizhang.core.listing import ListFilterForm
from taizhang.renewal.crosschecks import DISCREPANCIES
from taizhang.renewal.models import CrosscheckTask


class PoliceExtractForm(forms.Form):
    file = ImportFileField(
        label="派出所户籍数据",
        help_text="Excel（.xlsx）或 CSV（UTF-8 或 GBK 编码）；列：姓名、身份证号、户号、住址、迁入日期、户籍状态",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class TaskFilterForm(ListFilterForm):
    placeholder = "姓名 / 户编号 / 身份证号或后4位"
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


PARTIAL_CONFIRMATION = "我已核对：该文件只覆盖部分村居，仍要比对"


class ConfirmForm(forms.Form):
    """The second step after the preview: the token of the kept file and, for a partial file, the confirmation."""

    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)
    confirm_partial = forms.BooleanField(label=PARTIAL_CONFIRMATION, required=False)

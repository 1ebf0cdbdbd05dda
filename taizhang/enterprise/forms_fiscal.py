"""The forms of the fiscal pages: revenue, sources, the sharing rule, infrastructure spending, stakes, valuations
and exits, and the lists' filters."""

from __future__ import annotations

from django import forms

from taizhang.core import clock
from taizhang.core.forms import DocumentField, date_input
from taizhang.core.listing import ListFilterForm
from taizhang.enterprise.models import EquityExit, RevenueSource
from taizhang.enterprise.selectors_fiscal import EXITED, HELD

WAN = {"step": "0.0001", "inputmode": "decimal"}


def _wan(label: str, required: bool = True, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=15,
        decimal_places=4,
        min_value=0,
        help_text=help_text,
        widget=forms.NumberInput(attrs=WAN),
    )


def _year(label: str = "年度") -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=2000, max_value=2100, initial=lambda: clock.today().year - 1)


class RevenueForm(forms.Form):
    year = _year()
    source = forms.ModelChoiceField(None, label="来源")
    amount = _wan("金额（万元）", help_text="已登记的年度和来源再次录入即改为新的金额")
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources.filter(is_active=True)


class SourceForm(forms.Form):
    name = forms.CharField(label="收入来源", max_length=32, help_text="如 增值税、房产税、国有资源有偿使用收入")
    kind = forms.ChoiceField(label="类别", choices=RevenueSource.Kind.choices)


class SharingRuleForm(forms.Form):
    effective_year = _year("起始年度")
    base_year = _year("基数年度")
    base_amount = _wan("基数（万元）", required=False, help_text="不填则以基数年度计入来源的实际收入为基数")
    zone_share = forms.DecimalField(
        label="开发区分成比例（%）",
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        help_text="增量中留归开发区的比例，其余归区财政",
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    sources = forms.ModelMultipleChoiceField(
        None, label="计入增量分享的收入来源", widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
    )
    note = forms.CharField(label="依据", max_length=200, required=False, help_text="如 区政府文件文号")

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = sources


class InfraForm(forms.Form):
    project = forms.CharField(label="项目", max_length=100)
    year = _year()
    amount = _wan("金额（万元）")
    department = forms.CharField(label="承担的区级部门", max_length=64, help_text="如 区住房城乡建设局、区交通运输局")
    note = forms.CharField(label="备注", max_length=200, required=False)


class InfraFilterForm(ListFilterForm):
    placeholder = "项目 / 部门 / 备注"
    year = forms.TypedChoiceField(label="年度", required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, years, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["year"].choices = [("", "全部年度"), *((y, f"{y}年") for y in years)]
        self.fields["year"].widget.attrs["aria-label"] = "年度"


class StakeFilterForm(ListFilterForm):
    placeholder = "被投企业 / 项目 / 备注"
    chain = forms.TypedChoiceField(label="产业链", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部状态"), (HELD, "持有中"), (EXITED, "已退出")]
    )

    def __init__(self, data=None, *, chains, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["chain"].choices = [("", "全部产业链"), *((c.pk, c.name) for c in chains)]
        for name in ("chain", "status"):
            self.fields[name].widget.attrs["aria-label"] = self.fields[name].label


class StakeForm(forms.Form):
    enterprise = forms.ModelChoiceField(None, label="被投企业", required=False)
    project = forms.ModelChoiceField(None, label="被投项目", required=False, help_text="投资新项目时选择")
    invested = _wan("投资金额（万元）")
    share = forms.DecimalField(
        label="持股比例（%）",
        max_digits=7,
        decimal_places=4,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"step": "0.0001", "inputmode": "decimal"}),
    )
    invested_on = forms.DateField(label="投资日期", widget=date_input())
    agreement = DocumentField(label="投资协议", required=False, help_text="PDF、Word 或扫描件")
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args, enterprises, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises
        self.fields["project"].queryset = projects

    def clean(self):
        data = super().clean()
        if not data.get("enterprise") and not data.get("project") and not self.errors:
            self.add_error("enterprise", "请选择被投企业或被投项目")
        return data


class ValuationForm(forms.Form):
    valued_on = forms.DateField(label="估值日期", widget=date_input())
    value = _wan("估值（万元）")
    basis = forms.CharField(label="估值依据", max_length=100, help_text="如 评估报告、新一轮融资、净资产")


class ExitForm(forms.Form):
    kind = forms.ChoiceField(label="退出方式", choices=EquityExit.Kind.choices)
    exited_on = forms.DateField(label="退出日期", widget=date_input())
    proceeds = _wan("退出所得（万元）")
    note = forms.CharField(label="说明", max_length=200, required=False)

from django import forms

from taizhang.core.listing import ListFilterForm
from taizhang.people.rules.pay import GRADE_LABELS


def department_filter(data, departments) -> ListFilterForm:
    return ListFilterForm(data, groups=departments, group_label="部门", placeholder="姓名 / 用户名")


class SheetForm(forms.Form):
    """The pool ("" for Σ bases) and the grade coefficients; the service checks the numbers (Chinese messages)."""

    pool = forms.CharField(
        label="绩效薪酬总额（元）",
        required=False,
        max_length=3000,
        help_text="留空则为全体人员绩效基数之和",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for grade, label in GRADE_LABELS.items():
            self.fields[grade] = forms.CharField(
                label=f"{label}系数", max_length=3000, widget=forms.TextInput(attrs={"inputmode": "decimal"})
            )

    def coefficients(self) -> dict[str, str]:
        return {grade: self.cleaned_data[grade] for grade in GRADE_LABELS}

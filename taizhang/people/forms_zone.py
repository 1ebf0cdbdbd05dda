"""Forms of the zone assessment pages: which zone and year to show, and the district's indicators to save."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from taizhang.people.rules import zone as rules
from taizhang.people.zone import FIRST_YEAR, LAST_YEAR

YEAR_ERRORS = {
    "invalid": "年度应是四位数字，如 2020",
    "min_value": f"年度不能早于 {FIRST_YEAR}",
    "max_value": f"年度不能晚于 {LAST_YEAR}",
    "required": "请填写年度",
}


class ZoneYearForm(forms.Form):
    """GET: the year, and for a user above units the zone (a unit's staff always see their own zone)."""

    year = forms.IntegerField(label="年度", min_value=FIRST_YEAR, max_value=LAST_YEAR, error_messages=YEAR_ERRORS)
    unit = forms.TypedChoiceField(label="开发区", coerce=int, required=False)

    def __init__(self, data, *, zones, years):
        super().__init__(data)
        self.fields["unit"].choices = [(z.pk, z.name) for z in zones]
        self.fields["unit"].error_messages["invalid_choice"] = "没有这个开发区，或您无权查看"
        self.years = years


class IndicatorForm(forms.Form):
    name = forms.CharField(
        label="指标", max_length=32, required=False, error_messages={"max_length": "指标名称最多 32 个字"}
    )
    group = forms.ChoiceField(label="类别", choices=[(g, g) for g in rules.GROUPS], required=False)
    measure = forms.CharField(
        label="计量单位", max_length=16, required=False, error_messages={"max_length": "计量单位最多 16 个字"}
    )
    direction = forms.ChoiceField(
        label="方向", choices=[("higher", "越高越好"), ("lower", "越低越好")], required=False, initial="higher"
    )
    weight = forms.DecimalField(
        label="权重",
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        error_messages={"invalid": "权重应是数字", "min_value": "权重要大于 0", "max_digits": "权重不能超过 100"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select form-select-sm" if select else "form-control form-control-sm"

    def clean(self):
        data = super().clean()
        if data.get("name") and data.get("weight") is None and "weight" not in self.errors:
            self.add_error("weight", "请填写权重")
        return data

    def indicator(self) -> rules.Indicator | None:
        data = self.cleaned_data
        if not data.get("name"):
            return None
        return rules.Indicator(
            data["name"].strip(),
            data.get("group") or rules.ECONOMY,
            data.get("measure", "").strip(),
            data["weight"],
            data.get("direction") != "lower",
        )


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=2, max_num=30, absolute_max=30)


class FromYearForm(forms.Form):
    from_year = forms.IntegerField(
        label="适用起始年度", min_value=FIRST_YEAR, max_value=LAST_YEAR, error_messages=YEAR_ERRORS
    )


def indicator_initial(indicators) -> list[dict]:
    return [
        {
            "name": i.name,
            "group": i.group,
            "measure": i.measure,
            "direction": "higher" if i.higher_is_better else "lower",
            "weight": i.weight,
        }
        for i in indicators
    ]

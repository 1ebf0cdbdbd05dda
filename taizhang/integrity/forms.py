"""The signal pages' inputs: the list's filters, a review, a parameter's new value."""

from __future__ import annotations

from datetime import date

from django import forms

from taizhang.core import clock
from taizhang.core.forms import date_input
from taizhang.core.listing import ListFilterForm
from taizhang.core.manifest import SignalKind
from taizhang.integrity import rules
from taizhang.integrity.models import Verdict
from taizhang.integrity.selectors import STATES, user_kinds, user_signal_modules
from taizhang.org.models import OrgNode
from taizhang.org.selectors import visible_communities


class MonthField(forms.CharField):
    """YYYY-MM → the month's first day."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return rules.parse_month(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc))


def visible_units(user):
    return OrgNode.objects.visible_to(user).filter(kind=OrgNode.Kind.UNIT).order_by("path")


class SignalFilterForm(ListFilterForm):
    placeholder = "户编号 / 姓名 / 说明中的字词"
    month = MonthField(required=False, widget=forms.HiddenInput)
    unit = forms.TypedChoiceField(label="单位", required=False, coerce=int, empty_value=None)
    module = forms.ChoiceField(label="模块", required=False)
    kind = forms.ChoiceField(label="疑点类型", required=False)
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *STATES.items()])

    def __init__(self, data, *, user):
        unit = data.get("unit", "")
        unit_id = int(unit) if unit.isdigit() else None
        nodes = list(visible_communities(user, unit_id=unit_id))
        several_units = len({n.unit_id for n in nodes}) > 1
        super().__init__(
            data, communities=[(n.pk, f"{n.unit.name} · {n.name}" if several_units else n.name) for n in nodes]
        )
        if user.unit_id:  # a unit's own staff: nothing to choose
            del self.fields["unit"]
        else:
            self.fields["unit"].choices = [("", "全部单位"), *((u.pk, u.name) for u in visible_units(user))]
        kinds = user_kinds(user)
        modules = user_signal_modules(user)
        if len(modules) > 1:
            self.fields["module"].choices = [("", "全部模块"), *((spec.key, spec.name) for spec in modules)]
        else:
            del self.fields["module"]
        self.fields["kind"].choices = [("", "全部类型"), *((kind.key, kind.label) for _, kind in kinds)]
        for name in ("unit", "module", "kind", "state"):
            if name in self.fields:
                self.fields[name].widget.attrs["aria-label"] = self.fields[name].label

    def filters(self) -> dict:
        values = super().filters()
        values["month"] = values.get("month") or clock.today().replace(day=1)
        values.setdefault("unit", None)
        values.setdefault("module", "")
        values.setdefault("community", None)
        return values


class MonthUnitForm(forms.Form):
    """What 重新核查本月 posts: the month, and the unit for a superuser (a unit admin's is their own)."""

    month = MonthField()
    unit = forms.IntegerField(required=False, min_value=1)


class ReviewForm(forms.Form):
    verdict = forms.ChoiceField(
        label="核实结论", choices=Verdict.choices, widget=forms.RadioSelect(attrs={"class": "form-check-input"})
    )
    note = forms.CharField(
        label="核实说明",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "例如：电话联系户主，确认当天两次走访属实"}),
    )


class SettingForm(forms.Form):
    """A new value of one of a kind's parameters from a day on; the value is checked the way the rule reads it."""

    param = forms.ChoiceField(label="参数")
    value = forms.CharField(label="新取值", max_length=400)
    effective_from = forms.DateField(label="生效日期", widget=date_input())
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, kind: SignalKind, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"] = {"effective_from": clock.today(), **kwargs["initial"]}
        super().__init__(*args, prefix=kind.key.replace(".", "-"), **kwargs)
        self.signal_kind = kind
        self.fields["param"].choices = [(p.key, f"{p.label}（{p.unit}）" if p.unit else p.label) for p in kind.params]

    def clean_effective_from(self) -> date:
        day = self.cleaned_data["effective_from"]
        first = clock.today().replace(day=1)
        if day < first:
            raise forms.ValidationError(f"生效日期不能早于本月 1 日（{first:%Y-%m-%d}）：过去月份的核查按当时的参数")
        return day

    def clean(self):
        data = super().clean()
        declared = {p.key: p for p in self.signal_kind.params}
        if data.get("param") in declared and "value" in data:
            try:
                rules.parse_value(declared[data["param"]].kind, data["value"])
            except ValueError as exc:
                self.add_error("value", str(exc))
        return data

"""The subsidy pages' forms: the grant list's filters, a policy, a clause (conditions typed one a line, the formula by
its kind), the year's budget, a payment and a recovery."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from taizhang.core.forms import date_input
from taizhang.core.listing import ListFilterForm
from taizhang.enterprise.models import Grant
from taizhang.enterprise.rules import eligibility

OF_CHOICES = [("", "—"), *((c, label) for c, label in eligibility.NUMBER_FIELDS.items() if c != "years_settled")]


class GrantFilterForm(ListFilterForm):
    placeholder = "企业名称 / 信用代码"
    year = forms.TypedChoiceField(label="年度", required=False, coerce=int, empty_value=None)
    policy = forms.TypedChoiceField(label="政策", required=False, coerce=int, empty_value=None)
    clause = forms.TypedChoiceField(label="条款", required=False, coerce=int, empty_value=None)
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *Grant.State.choices])

    def __init__(self, data=None, *, parks, policies, years, **kwargs):
        super().__init__(data, groups=parks, group_label="园区", **kwargs)
        self.fields["year"].choices = [("", "全部年度"), *((y, f"{y} 年度") for y in years)]
        self.fields["policy"].choices = [("", "全部政策"), *((p.pk, p.name) for p in policies)]
        self.fields["clause"].choices = [
            ("", "全部条款"),
            *((c.pk, f"{p.name}{c.code}") for p in policies for c in p.clauses.all()),
        ]
        for name in ("year", "policy", "clause", "state"):
            self.fields[name].widget.attrs["aria-label"] = self.fields[name].label


class PolicyForm(forms.Form):
    name = forms.CharField(label="政策名称", max_length=64)
    first_year = forms.IntegerField(label="起始年度", min_value=2000, max_value=2100)
    last_year = forms.IntegerField(label="截止年度", min_value=2000, max_value=2100, required=False)
    note = forms.CharField(label="文号/说明", max_length=200, required=False)


class BudgetForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    amount = forms.DecimalField(label="预算（元）", min_value=0, max_digits=14, decimal_places=2)


class ClauseForm(forms.Form):
    code = forms.CharField(label="条款", max_length=16, help_text="如 第三条")
    title = forms.CharField(label="标题", max_length=100)
    conditions = forms.CharField(
        label="条件（每行一个）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="写成“字段 比较 数值”，如：上年研发投入 ≥ 500（万元）；四新 = 是；园区 属于 食品饮料城、智能制造城。"
        "字段：" + "、".join(eligibility.FIELDS.values()),
    )
    kind = forms.ChoiceField(label="金额计算方式", choices=list(eligibility.FORMULA_KINDS.items()))
    amount = forms.DecimalField(label="定额金额（元）", required=False, max_digits=14, decimal_places=2)
    of = forms.ChoiceField(label="计算依据（按比例、分档）", required=False, choices=OF_CHOICES)
    rate = forms.DecimalField(label="比例（%）", required=False, max_digits=6, decimal_places=2)
    cap = forms.DecimalField(label="封顶金额（元）", required=False, max_digits=14, decimal_places=2)
    tiers = forms.CharField(
        label="分档（每行：起点 金额）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="如“30 100000”表示依据 ≥ 30 奖励 100000 元，取达到的最高一档",
    )
    clawback_years = forms.IntegerField(
        label="迁出追回年限", required=False, min_value=1, max_value=20, help_text="支付后几年内迁出须追回；空为不追回"
    )
    is_active = forms.BooleanField(label="在用", required=False, initial=True)

    def clean_conditions(self):
        try:
            return eligibility.parse_conditions(self.cleaned_data["conditions"])
        except eligibility.RuleError as exc:
            raise forms.ValidationError(str(exc))

    def clean_tiers(self):
        found = []
        for n, line in enumerate(self.cleaned_data["tiers"].splitlines(), start=1):
            parts = line.replace("，", " ").replace(",", " ").split()
            if not parts:
                continue
            if len(parts) != 2:
                raise forms.ValidationError(f"第{n}行应写成“起点 金额”，如“30 100000”")
            found.append({"from": parts[0], "amount": parts[1]})
        return found

    def formula(self) -> dict:
        data = self.cleaned_data
        text = {k: "" if data.get(k) is None else str(data[k]) for k in ("amount", "rate", "cap")}
        return {"kind": data["kind"], "of": data.get("of", ""), "tiers": data.get("tiers", []), **text}

    @staticmethod
    def initial_of(clause) -> dict:
        formula = clause.formula
        tiers = "\n".join(f"{t['from']} {t['amount']}" for t in formula.get("tiers", []))
        return {
            "code": clause.code,
            "title": clause.title,
            "conditions": "\n".join(clause.condition_texts),
            "kind": formula["kind"],
            "amount": formula.get("amount"),
            "of": formula.get("of", ""),
            "rate": formula.get("rate"),
            "cap": formula.get("cap") or None,
            "tiers": tiers,
            "clawback_years": clause.clawback_years,
            "is_active": clause.is_active,
        }


class PayForm(forms.Form):
    paid_on = forms.DateField(label="支付日期", widget=date_input())
    voucher = forms.CharField(label="凭证号", max_length=40)


class RecoverForm(forms.Form):
    recovered_on = forms.DateField(label="追回日期", widget=date_input())
    amount = forms.DecimalField(label="追回金额（元）", min_value=Decimal("0.01"), max_digits=14, decimal_places=2)
    note = forms.CharField(label="说明", max_length=200, required=False)

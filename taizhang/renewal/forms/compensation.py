"""Forms of the compensation pages: the policy as a structured form (a grid of unit prices, attachment and award
lines), the new-version form, the household's choice of option and the agreement's steps, the agreement filters."""

from __future__ import annotations

from django import forms

from taizhang.core.forms import date_input
from taizhang.renewal import rules
from taizhang.renewal.models import Agreement, CompensationPolicy

BLANK_ATTACHMENT_ROWS = 3
BLANK_AWARD_ROWS = 2


def _amount(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


def _clause() -> forms.CharField:
    return forms.CharField(label="条款", required=False, max_length=40)


class PolicyForm(forms.Form):
    """A version's standards; `to_data()` gives the policy data the service validates (rules.policy_errors)."""

    name = forms.CharField(label="政策名称", max_length=100)
    effective_from = forms.DateField(label="生效日期", widget=date_input())
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    monetary_temporary_months = forms.IntegerField(
        label="货币补偿计发临时安置费月数", min_value=0, max_value=120, initial=0
    )

    def __init__(self, *args, policy: CompensationPolicy | None = None, **kwargs):
        data = policy.data if policy else {}
        initial = (
            {
                "name": policy.name,
                "effective_from": policy.effective_from,
                "note": policy.note,
                "monetary_temporary_months": data.get("monetary_temporary_months", 0),
            }
            if policy
            else {}
        )
        super().__init__(*args, initial=initial, **kwargs)
        prices = {(p["structure"], p["certificate"]): p for p in data.get("unit_prices", [])}
        self.grid = []
        for i, structure in enumerate(rules.POLICY_STRUCTURES):
            cells = []
            for j, certificate in enumerate(rules.POLICY_CERTIFICATES):
                key = f"price_{i}_{j}"
                self.fields[f"{key}_amount"] = _amount(f"{structure}{certificate}单价（元/m²）")
                self.fields[f"{key}_clause"] = _clause()
                found = prices.get((structure, certificate), {})
                self.initial[f"{key}_amount"], self.initial[f"{key}_clause"] = found.get("amount"), found.get("clause")
                cells.append(key)
            self.grid.append((structure, cells))
        self.items = []
        for key, label, required in rules.POLICY_ITEMS:
            self.fields[f"{key}_amount"] = _amount(label)
            self.fields[f"{key}_clause"] = _clause()
            found = data.get(key) or {}
            self.initial[f"{key}_amount"], self.initial[f"{key}_clause"] = found.get("amount"), found.get("clause")
            self.items.append((key, label, required))
        attachments = data.get("attachment_prices", [])
        self.attachment_rows = []
        for n in range(len(attachments) + BLANK_ATTACHMENT_ROWS):
            found = attachments[n] if n < len(attachments) else {}
            self.fields[f"att_{n}_kind"] = forms.CharField(label="附属物", required=False, max_length=32)
            self.fields[f"att_{n}_amount"] = _amount("单价（元/个）")
            self.fields[f"att_{n}_clause"] = _clause()
            for part in ("kind", "amount", "clause"):
                self.initial[f"att_{n}_{part}"] = found.get(part)
            self.attachment_rows.append(f"att_{n}")
        self.award_rows = {}
        for kind, label in rules.AWARD_KINDS:
            awards = data.get(kind, [])
            rows = []
            for n in range(len(awards) + BLANK_AWARD_ROWS):
                found = awards[n] if n < len(awards) else {}
                key = f"{kind}_{n}"
                self.fields[f"{key}_by"] = forms.DateField(label=f"{label}期限", required=False, widget=date_input())
                self.fields[f"{key}_amount"] = _amount("奖励（元）")
                self.fields[f"{key}_clause"] = _clause()
                for part in ("by", "amount", "clause"):
                    self.initial[f"{key}_{part}"] = found.get(part)
                rows.append(key)
            self.award_rows[kind] = (label, rows)

    # What the template lays out (bound fields by row; templates cannot index a form by a computed name).
    def price_grid(self):
        return [
            (structure, [(self[f"{k}_amount"], self[f"{k}_clause"]) for k in cells]) for structure, cells in self.grid
        ]

    def item_rows(self):
        return [(label, required, self[f"{k}_amount"], self[f"{k}_clause"]) for k, label, required in self.items]

    def attachment_fields(self):
        return [(self[f"{k}_kind"], self[f"{k}_amount"], self[f"{k}_clause"]) for k in self.attachment_rows]

    def award_fields(self):
        return [
            (label, [(self[f"{k}_by"], self[f"{k}_amount"], self[f"{k}_clause"]) for k in rows])
            for label, rows in self.award_rows.values()
        ]

    def to_data(self) -> dict:
        c = self.cleaned_data

        def clause(key):
            amount, text = c.get(f"{key}_amount"), (c.get(f"{key}_clause") or "").strip()
            if amount is None and not text:
                return None
            return {"amount": "" if amount is None else str(amount), "clause": text}

        data = {
            "monetary_temporary_months": c.get("monetary_temporary_months") or 0,
            "unit_prices": [],
            "attachment_prices": [],
        }
        for i, structure in enumerate(rules.POLICY_STRUCTURES):
            for j, certificate in enumerate(rules.POLICY_CERTIFICATES):
                found = clause(f"price_{i}_{j}")
                if found:
                    data["unit_prices"].append({"structure": structure, "certificate": certificate, **found})
        for key, _label, _required in rules.POLICY_ITEMS:
            data[key] = clause(key)
        for key in self.attachment_rows:
            kind, found = (c.get(f"{key}_kind") or "").strip(), clause(key)
            if kind or found:
                data["attachment_prices"].append({"kind": kind, **(found or {"amount": "", "clause": ""})})
        for kind, (_label, rows) in self.award_rows.items():
            data[kind] = []
            for key in rows:
                by, found = c.get(f"{key}_by"), clause(key)
                if by or found:
                    data[kind].append({"by": by.isoformat() if by else "", **(found or {"amount": "", "clause": ""})})
        return data


class PolicyNewForm(forms.Form):
    """A new version: from a copy of an existing one (a published version is changed this way)."""

    source = forms.ModelChoiceField(CompensationPolicy.objects.none(), label="以此版本为底稿", empty_label=None)
    effective_from = forms.DateField(label="新版本生效日期", widget=date_input())

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = CompensationPolicy.objects.filter(project=project)
        self.fields["source"].label_from_instance = lambda p: (
            f"{p.name}（{p.effective_from:%Y-%m-%d} 起，{p.get_status_display()}）"
        )


class ChooseForm(forms.Form):
    option = forms.ChoiceField(label="补偿方式", choices=Agreement.Option.choices, widget=forms.RadioSelect)
    chosen_area = forms.DecimalField(
        label="选房面积（m²，产权调换）",
        required=False,
        max_digits=8,
        decimal_places=2,
        min_value=0,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    months_until_handover = forms.IntegerField(
        label="过渡期（月，产权调换至交房）", required=False, min_value=0, max_value=120
    )


class StepForm(forms.Form):
    on = forms.DateField(label="日期", widget=date_input())

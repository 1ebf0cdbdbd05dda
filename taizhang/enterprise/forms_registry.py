"""The registry's forms: an enterprise (code checked by GB 32100 as it is typed), its status change, a park."""

from __future__ import annotations

from django import forms

from taizhang.core import clock
from taizhang.core.forms import date_input
from taizhang.enterprise.models import Enterprise
from taizhang.enterprise.rules import tags as tag_rules
from taizhang.enterprise.rules import uscc as uscc_rules

LAND = {"max_digits": 10, "decimal_places": 2, "min_value": 0}


class EnterpriseForm(forms.Form):
    uscc = forms.CharField(
        label="统一社会信用代码",
        max_length=30,
        help_text="18 位，不用字母 I、O、S、V、Z，最后一位是校验位；可带空格",
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "mono", "inputmode": "latin"}),
    )
    name = forms.CharField(label="企业名称", max_length=100)
    park = forms.ModelChoiceField(label="园区", queryset=None, required=False, empty_label="（未入园区）")
    chain = forms.ModelChoiceField(label="产业链", queryset=None, required=False, empty_label="（不在产业链上）")
    links = forms.ModelMultipleChoiceField(
        label="产业链环节",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    land_mu = forms.DecimalField(label="用地面积（亩）", required=False, **LAND)
    registered_on = forms.DateField(label="成立日期", required=False, widget=date_input())
    settled_on = forms.DateField(label="入园日期", required=False, widget=date_input())
    address = forms.CharField(label="地址", max_length=200, required=False)
    contact_name = forms.CharField(label="联系人", max_length=32, required=False)
    contact_phone = forms.CharField(label="联系电话", max_length=32, required=False)

    def __init__(self, data=None, *, parks, chains, links, enterprise: Enterprise | None = None, **kwargs):
        initial = {}
        if enterprise is not None:
            initial = {field: getattr(enterprise, field) for field in ("uscc", "name", "park", "chain", "land_mu")}
            initial |= {f: getattr(enterprise, f) for f in ("registered_on", "settled_on", "address")}
            initial |= {f: getattr(enterprise, f) for f in ("contact_name", "contact_phone")}
            initial |= {field: getattr(enterprise, field) for field, _ in tag_rules.TAGS}
            initial["links"] = list(enterprise.links.all())
        super().__init__(data, initial=initial, **kwargs)
        for field, label in tag_rules.TAGS:
            self.fields[field] = forms.BooleanField(label=label, required=False)
        tags = [field for field, _ in tag_rules.TAGS]
        self.order_fields(["uscc", "name", "park", "chain", "links", *tags])
        self.fields["park"].queryset = parks
        self.fields["chain"].queryset = chains
        self.fields["links"].queryset = links.select_related("chain")
        self.fields["links"].label_from_instance = lambda link: (
            f"{link.chain.name}·{link.get_position_display()}·{link.name}"
        )

    def clean_uscc(self) -> str:
        code = uscc_rules.normalize(self.cleaned_data["uscc"])
        problem = uscc_rules.problem(code)
        if problem:
            raise forms.ValidationError(problem)
        return code

    def clean(self):
        data = super().clean()
        chain = data.get("chain")
        strays = [link for link in data.get("links") or [] if chain is None or link.chain_id != chain.pk]
        if strays:
            names = "、".join(str(link) for link in strays)
            self.add_error("links", f"环节 {names} 不在所选产业链上；请先选产业链，或去掉这些环节")
        registered, settled = data.get("registered_on"), data.get("settled_on")
        if registered and settled and settled < registered:
            self.add_error("settled_on", "入园日期不能早于成立日期")
        return data

    @property
    def tags(self) -> frozenset[str]:
        return frozenset(field for field, _ in tag_rules.TAGS if self.cleaned_data.get(field))

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {name: data[name] for name in ("uscc", "name", "park", "chain", "land_mu")}
        kwargs |= {name: data[name] for name in ("registered_on", "settled_on", "address")}
        kwargs |= {name: data[name] for name in ("contact_name", "contact_phone")}
        return kwargs | {"links": list(data["links"]), "tags": self.tags}


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="变更为",
        choices=[(Enterprise.Status.LEFT, "已迁出"), (Enterprise.Status.CLOSED, "已注销")],
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label="迁出/注销日期", widget=date_input())
    reason = forms.CharField(
        label="原因", max_length=200, widget=forms.TextInput(attrs={"placeholder": "例如：整体搬迁至外地"})
    )

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > clock.today():
            raise forms.ValidationError("日期不能晚于今天")
        return on


class ParkForm(forms.Form):
    name = forms.CharField(label="园区名称", max_length=64)
    area_mu = forms.DecimalField(label="规划面积（亩）", required=False, **LAND)
    sort_order = forms.IntegerField(label="排序", required=False, min_value=0, max_value=999, initial=0)

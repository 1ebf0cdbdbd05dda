from functools import partial

from django import forms

from taizhang.core import clock
from taizhang.core.forms import PersonalFieldsMixin, clean_by_rule
from taizhang.core.listing import ListFilterForm
from taizhang.core.personal import BANK_ACCOUNT, ID_NUMBER
from taizhang.core.rules import normalize_phone
from taizhang.org.models import OrgNode
from taizhang.org.scoping import user_scope
from taizhang.org.selectors import visible_communities
from taizhang.registry.models import (
    DISABILITY_CATEGORIES,
    DISABILITY_GRADES,
    Household,
    Person,
)
from taizhang.registry.rules import normalize_bank_account, normalize_id_number
from taizhang.registry.services import msg_household_no_taken


class UnitChoiceMixin:
    """A 单位 picker shown only to users above unit level (district leaders, superusers)."""

    def add_unit_field(self, user, required=True):
        self.user_unit = user.unit if user.unit_id else None
        if self.user_unit is None:
            units = OrgNode.objects.visible_to(user).filter(kind=OrgNode.Kind.UNIT)
            self.fields["unit"] = forms.ModelChoiceField(
                units, label="单位", required=required, empty_label="（全部单位）" if not required else "请选择"
            )

    def chosen_unit(self):
        return self.user_unit or self.cleaned_data.get("unit")


class HouseholdForm(PersonalFieldsMixin, forms.ModelForm):
    personal_fields = {"bank_account": BANK_ACCOUNT}

    tags = forms.CharField(label="标签", required=False, help_text="多个标签用逗号或顿号分隔")

    class Meta:
        model = Household
        fields = ["household_no", "community", "address", "phone", "bank_name", "bank_account", "tags"]

    def __init__(self, *args, unit: OrgNode, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["community"].queryset = OrgNode.objects.filter(
            unit=unit, kind=OrgNode.Kind.COMMUNITY, is_active=True
        )
        self.fields["community"].empty_label = "请选择村居"
        if self.instance.pk:
            self.initial["tags"] = "、".join(self.instance.tag_list)

    def clean_household_no(self):
        no = self.cleaned_data["household_no"].strip()
        clash = Household.objects.filter(unit=self.unit, household_no=no).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(msg_household_no_taken(no))
        return no

    def clean_phone(self):
        return clean_by_rule(normalize_phone, self.cleaned_data["phone"])

    def clean_bank_account(self):
        return clean_by_rule(normalize_bank_account, self.cleaned_data["bank_account"])

    def clean(self):
        data = super().clean()
        if data.get("bank_account") and not data.get("bank_name"):
            self.add_error("bank_name", "填写了银行账号，请同时填写开户银行")
        return data


class PersonForm(PersonalFieldsMixin, forms.ModelForm):
    personal_fields = {"id_number": ID_NUMBER}

    relation = forms.CharField(label="与户主关系", widget=forms.TextInput(attrs={"list": "relations"}))
    disability_category = forms.ChoiceField(
        label="残疾类别", required=False, choices=[("", "—")] + [(c, c) for c in DISABILITY_CATEGORIES]
    )
    disability_grade = forms.ChoiceField(
        label="残疾等级", required=False, choices=[("", "—")] + [(g, g) for g in DISABILITY_GRADES]
    )

    class Meta:
        model = Person
        fields = [
            "name",
            "id_number",
            "relation",
            "phone",
            "is_student",
            "disability_category",
            "disability_grade",
            "employment",
            "is_ill",
            "life_status",
        ]

    def clean_id_number(self):
        # Required by the model field, so never empty here.
        return clean_by_rule(partial(normalize_id_number, today=clock.today()), self.cleaned_data["id_number"])

    def clean_phone(self):
        return clean_by_rule(normalize_phone, self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        if data.get("disability_grade") and not data.get("disability_category"):
            self.add_error("disability_category", "填写了残疾等级，请选择残疾类别")
        return data


class HouseholdFilterForm(ListFilterForm):
    """户籍台账's filters; the 单位 comes from the figures page's links, the 村居 are those the user sees."""

    placeholder = "户编号 / 姓名或拼音首字母 / 身份证后4位 / 地址"
    unit = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("active", "有效"), ("voided", "已作废"), ("all", "全部")]
    )
    tag = forms.CharField(
        label="标签", required=False, max_length=20, widget=forms.TextInput(attrs={"placeholder": "标签"})
    )

    def __init__(self, data, *, user):
        unit = data.get("unit", "")
        nodes = list(visible_communities(user, unit_id=int(unit) if unit.isdigit() else None))
        several_units = len({n.unit_id for n in nodes}) > 1
        super().__init__(
            data, communities=[(n.pk, f"{n.unit.name} · {n.name}" if several_units else n.name) for n in nodes]
        )


class SearchForm(forms.Form):
    q = forms.CharField(label="搜索", required=False, max_length=40)


class ExportForm(UnitChoiceMixin, forms.Form):
    community = forms.ModelChoiceField(OrgNode.objects.none(), label="村居", required=False, empty_label="（全部村居）")
    format = forms.ChoiceField(label="格式", choices=[("xlsx", "Excel（.xlsx）"), ("csv", "CSV（UTF-8）")])
    full_identity = forms.BooleanField(label="导出完整的身份证号和银行账号（会记入审计）", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_unit_field(user)
        communities = OrgNode.objects.visible_to(user).filter(kind=OrgNode.Kind.COMMUNITY)
        self.own_community = user_scope(user).community_id
        if self.own_community is not None:  # a 村居's staff export their 村居 only
            communities = communities.filter(id=self.own_community)
            self.fields["community"].empty_label = None
        self.fields["community"].queryset = communities

    def clean_community(self):
        if self.own_community is not None:
            return self.fields["community"].queryset.get()
        return self.cleaned_data.get("community")


class PrintJobForm(forms.Form):
    """The 村居 whose households are printed in one PDF (a 村居's staff have only their own)."""

    community = forms.ModelChoiceField(OrgNode.objects.none(), label="村居", empty_label="请选择村居")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        communities = OrgNode.objects.visible_to(user).filter(kind=OrgNode.Kind.COMMUNITY)
        own = user_scope(user).community_id
        if own is not None:
            communities = communities.filter(id=own)
        self.fields["community"].queryset = communities.select_related("parent").order_by("path")
        self.fields["community"].label_from_instance = lambda node: f"{node.parent.name} · {node.name}"

"""Forms of the archive (一户一档) audit."""

from __future__ import annotations

from django import forms

from taizhang.assistance.models import ArchiveFinding, ArchiveItem
from taizhang.core.forms import DocumentField
from taizhang.org.models import OrgNode


class ArchiveRecordForm(forms.Form):
    family_size = forms.IntegerField(label="档案记载人口", required=False, min_value=0, max_value=30)
    account_holder = forms.CharField(label="银行卡持卡人", required=False, max_length=64)


class DocumentForm(forms.Form):
    item = forms.ModelChoiceField(ArchiveItem.objects.none(), label="清单项目", empty_label="请选择")
    file = DocumentField(label="材料（扫描件或照片）")

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = ArchiveItem.objects.filter(unit_id=unit_id, kind=ArchiveItem.Kind.DOCUMENT)


class AssignGroupForm(forms.Form):
    group = forms.ModelChoiceField(OrgNode.objects.none(), label="档案资料工作组", empty_label="请选择")
    community = forms.ModelChoiceField(OrgNode.objects.none(), label="村居", required=False, empty_label="全部村居")

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = OrgNode.objects.filter(unit_id=unit_id, kind=OrgNode.Kind.WORKGROUP)
        self.fields["community"].queryset = OrgNode.objects.filter(unit_id=unit_id, kind=OrgNode.Kind.COMMUNITY)


class ArchiveItemForm(forms.Form):
    name = forms.CharField(label="新清单项目", max_length=32)
    kind = forms.ChoiceField(label="类型", choices=ArchiveItem.Kind.choices, initial=ArchiveItem.Kind.DOCUMENT)


class FindingFilterForm(forms.Form):
    """The open findings' filters on the archive page (?kind=missing&community=3&mine=on)."""

    kind = forms.ChoiceField(required=False, choices=[("", "缺项和错项"), *ArchiveFinding.Kind.choices])
    community = forms.IntegerField(required=False, min_value=0)
    mine = forms.BooleanField(required=False)

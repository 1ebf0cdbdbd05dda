from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone

from taizhang.assistance.models import (
    CHECKLIST,
    FINDINGS,
    ArchiveItem,
    Category,
    CheckResult,
    CleaningRecord,
    Department,
    Problem,
    Visit,
    VisitRuleVersion,
)
from taizhang.assistance.rules import (
    FURNITURE,
    HYGIENE_RATINGS,
    PROBLEM_CATEGORIES,
    ROSTERS,
    Month,
)
from taizhang.core import clock
from taizhang.core.forms import (
    ImportFileField,
    MultipleImageField,
    StaffChoices,
    date_input,
)
from taizhang.org.models import OrgNode, Role, User


def unit_staff(unit_id: int):
    return User.objects.filter(unit_id=unit_id, is_active=True).exclude(role=Role.AUDITOR).order_by("full_name")


class VisitForm(forms.Form):
    """One form for the phone (times filled by 开始/结束) and for entering a past visit by hand."""

    visit_date = forms.DateField(label="走访日期", widget=date_input())
    start_time = forms.TimeField(label="开始时间", widget=forms.TimeInput(attrs={"type": "time", "step": 60}))
    end_time = forms.TimeField(label="结束时间", widget=forms.TimeInput(attrs={"type": "time", "step": 60}))
    ends_next_day = forms.BooleanField(label="次日结束（跨午夜）", required=False)
    visitors = StaffChoices(User.objects.none(), label="走访人")
    notes = forms.CharField(label="走访内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    photos = MultipleImageField(label="照片", required=False)
    idempotency_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    start_latitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)
    start_longitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)
    end_latitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)
    end_longitude = forms.DecimalField(required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput)

    def __init__(self, *args, visitor_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visitors"].queryset = visitor_choices
        for key, label, topic in CHECKLIST:
            self.fields[key] = forms.ChoiceField(
                label=f"{label}（{topic}）",
                choices=CheckResult.choices,
                initial=CheckResult.SKIPPED,
                widget=forms.RadioSelect,
            )
            self.fields[f"{key}_note"] = forms.CharField(label=f"{topic}说明", required=False, max_length=200)
        for key, label in FINDINGS:
            self.fields[key] = forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        day, start, end = data.get("visit_date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            zone = timezone.get_current_timezone()
            data["started_at"] = datetime.combine(day, start, tzinfo=zone)
            data["ended_at"] = datetime.combine(
                day + timedelta(days=data.get("ends_next_day", False)), end, tzinfo=zone
            )
        return data

    def position(self, which: str):
        lat, lng = self.cleaned_data.get(f"{which}_latitude"), self.cleaned_data.get(f"{which}_longitude")
        return (lat, lng) if lat is not None and lng is not None else None

    def visit_values(self) -> dict:
        keys = (
            [k for k, _, _ in CHECKLIST] + [f"{k}_note" for k, _, _ in CHECKLIST] + [k for k, _ in FINDINGS] + ["notes"]
        )
        return {key: self.cleaned_data.get(key) or "" for key in keys}


class RuleVersionForm(forms.ModelForm):
    class Meta:
        model = VisitRuleVersion
        fields = ["effective_from", "min_visits_per_month", "min_minutes", "note"]
        widgets = {"effective_from": date_input()}
        help_texts = {
            "effective_from": "走访时长按走访当天有效的规则判断；每月次数按当月 1 日有效的规则判断（月中生效的次数要求从下月起适用）"
        }


class AssistedForm(forms.Form):
    household_no = forms.CharField(label="户编号", max_length=32)
    category = forms.ChoiceField(label="帮扶类别", choices=Category.choices)
    start_date = forms.DateField(label="帮扶开始日期", widget=date_input())
    helpers = StaffChoices(User.objects.none(), label="帮扶责任人")

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["helpers"].queryset = unit_staff(unit_id)


class HelpersForm(forms.Form):
    helpers = StaffChoices(User.objects.none(), label="帮扶责任人")
    on = forms.DateField(label="自哪天起", widget=date_input())
    reason = forms.CharField(label="原因", required=False, max_length=200)

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["helpers"].queryset = unit_staff(unit_id)


class MonthForm(forms.Form):
    month = forms.CharField(required=False)
    community = forms.IntegerField(required=False, min_value=1)

    def clean_month(self):
        text = self.cleaned_data.get("month")
        if not text:
            return Month.of(clock.today())
        try:
            return Month.parse(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc))


class ProblemForm(forms.Form):
    category = forms.ChoiceField(label="问题类别", choices=[(c, c) for c in PROBLEM_CATEGORIES])
    description = forms.CharField(label="问题描述", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    found_on = forms.DateField(
        label="发现日期", required=False, widget=date_input(), help_text="从走访记录进入时为走访日期"
    )
    photos = MultipleImageField(label="照片", required=False)
    report = forms.BooleanField(label="立即上报镇扶贫办", required=False, initial=True)


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(Department.objects.none(), label="责任部门", empty_label="请选择")
    due = forms.DateField(
        label="办结期限", required=False, widget=date_input(), help_text="不填则按问题类别的期限自动计算"
    )

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(unit_id=unit_id, is_active=True)


class ResolveForm(forms.Form):
    resolution = forms.CharField(label="解决情况", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class VerifyForm(forms.Form):
    visit = forms.ModelChoiceField(Visit.objects.none(), label="核实走访", empty_label="请选择解决之后的走访")
    note = forms.CharField(label="核实情况", required=False, max_length=200)

    def __init__(self, *args, visits, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visit"].queryset = visits
        self.fields["visit"].label_from_instance = lambda v: (
            f"{v.visit_date:%Y-%m-%d} {timezone.localtime(v.started_at):%H:%M}"
        )


class DepartmentForm(forms.Form):
    name = forms.CharField(label="新部门", max_length=64)


class DepartmentNodeForm(forms.Form):
    department = forms.ModelChoiceField(Department.objects.none(), label="部门")
    node = forms.ModelChoiceField(OrgNode.objects.none(), label="工作组", required=False, empty_label="（未设置）")

    def __init__(self, *args, unit_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(unit_id=unit_id)
        self.fields["node"].queryset = OrgNode.objects.filter(
            unit_id=unit_id, kind=OrgNode.Kind.WORKGROUP, is_active=True
        ).order_by("path")


class DeadlinesForm(forms.Form):
    def __init__(self, *args, current: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        for category in PROBLEM_CATEGORIES:
            self.fields[category] = forms.IntegerField(
                label=category, min_value=1, max_value=365, initial=current[category]
            )


class ProblemFilterForm(forms.Form):
    stage = forms.ChoiceField(required=False, choices=[("", "全部进度"), *Problem.Stage.choices])
    category = forms.ChoiceField(required=False, choices=[("", "全部类别"), *[(c, c) for c in PROBLEM_CATEGORIES]])
    department = forms.IntegerField(required=False, min_value=1)
    community = forms.IntegerField(required=False, min_value=1)
    overdue = forms.BooleanField(required=False)


class ScheduleForm(forms.Form):
    start = forms.DateField(label="首次日期", widget=date_input())
    until = forms.DateField(label="安排到", widget=date_input())
    interval_days = forms.IntegerField(label="间隔（天）", min_value=1, max_value=90, initial=14)
    topics = forms.CharField(
        label="培训内容", required=False, max_length=200, help_text="如：入户走访、住房安全、医疗教育"
    )


class SessionForm(forms.Form):
    topics = forms.CharField(label="培训内容", required=False, max_length=200)
    materials = forms.CharField(label="材料与要求", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    material_file = forms.FileField(label="材料文件", required=False)


class ArchiveRecordForm(forms.Form):
    family_size = forms.IntegerField(label="档案记载人口", required=False, min_value=0, max_value=30)
    account_holder = forms.CharField(label="银行卡持卡人", required=False, max_length=64)


class DocumentForm(forms.Form):
    item = forms.ModelChoiceField(ArchiveItem.objects.none(), label="清单项目", empty_label="请选择")
    file = forms.FileField(label="材料（扫描件或照片）")

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


class RosterForm(forms.Form):
    roster = forms.ChoiceField(label="名册", choices=list(ROSTERS.items()))
    file = ImportFileField(label="文件（.xlsx/.csv，列：身份证号、姓名）")


class ArchiveItemForm(forms.Form):
    name = forms.CharField(label="新清单项目", max_length=32)
    kind = forms.ChoiceField(label="类型", choices=ArchiveItem.Kind.choices, initial=ArchiveItem.Kind.DOCUMENT)


class CleaningForm(forms.Form):
    day = forms.DateField(label="清扫日期", widget=date_input())
    cleaner_kind = forms.ChoiceField(label="清扫人", choices=CleaningRecord.Cleaner.choices)
    cleaner_name = forms.CharField(label="姓名", max_length=64)
    rating = forms.ChoiceField(label="卫生状况", choices=[(r, r) for r in HYGIENE_RATINGS])
    note = forms.CharField(label="说明", required=False, max_length=200)
    before_photo = forms.ImageField(label="清扫前照片", required=False)
    after_photo = forms.ImageField(label="清扫后照片", required=False)


class NeedForm(forms.Form):
    item = forms.ChoiceField(label="家具", choices=[(f, f) for f in FURNITURE])
    quantity = forms.IntegerField(label="数量", min_value=1, max_value=20, initial=1)
    note = forms.CharField(label="说明", required=False, max_length=200)


class DeliveryForm(forms.Form):
    day = forms.DateField(label="送达日期", widget=date_input())
    photo = forms.ImageField(label="送达照片")


class BatchForm(forms.Form):
    day = forms.DateField(label="采购日期", widget=date_input())
    supplier = forms.CharField(label="供货单位", max_length=100)
    note = forms.CharField(label="说明", required=False, max_length=200)

    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        for item in FURNITURE:
            self.fields[f"qty-{item}"] = forms.IntegerField(label=f"{item} 数量", required=False, min_value=0)
            self.fields[f"price-{item}"] = forms.DecimalField(
                label=f"{item} 单价（元）", required=False, min_value=0, max_digits=10, decimal_places=2
            )
        self.fields["needs"] = forms.ModelMultipleChoiceField(
            needs,
            label="本批对应的需求",
            required=False,
            widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        )
        self.fields["needs"].label_from_instance = lambda n: (
            f"{n.assisted.household.household_no} {n.item} × {n.quantity}"
        )

    def lines(self) -> list:
        data = self.cleaned_data
        return [
            (item, data[f"qty-{item}"], data[f"price-{item}"])
            for item in FURNITURE
            if data.get(f"qty-{item}") and data.get(f"price-{item}") is not None
        ]


class MeasuresForm(forms.Form):
    measures = forms.CharField(label="帮扶措施（每行一条）", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    benefits = forms.CharField(
        label="其他享受政策（每行一条）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="教育资助、残疾人补贴、低保等由台账自动列出",
    )


class LocationForm(forms.Form):
    latitude = forms.DecimalField(label="纬度", max_digits=9, decimal_places=6, min_value=-90, max_value=90)
    longitude = forms.DecimalField(label="经度", max_digits=9, decimal_places=6, min_value=-180, max_value=180)

"""The KPI pages' forms: filters, a cycle to open, a person's plan (rows of indicators), reviews, invitations,
calibration, appeals and their answers, a scoring method's new version."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from taizhang.core.listing import ListFilterForm
from taizhang.people.kpi import IndicatorIn, decimal_or_none
from taizhang.people.models import Grade, Review, ScoringMethod
from taizhang.people.reviews import ReviewIn

EXTRA_ROWS = 3
MAX_ROWS = 30


class StaffFilterForm(ListFilterForm):
    """Search and 部门 (the list's group filter) for the cycle's staff and results."""

    placeholder = "姓名 / 用户名"
    grade = forms.ChoiceField(label="等次", required=False)

    def __init__(self, data, *, departments, grades: bool = False):
        super().__init__(data, groups=departments, group_label="部门")
        if grades:
            self.fields["grade"].choices = [("", "全部等次"), *Grade.choices]
            self.fields["grade"].widget.attrs["aria-label"] = "等次"
        else:
            del self.fields["grade"]


class CycleOpenForm(forms.Form):
    code = forms.CharField(
        label="周期", max_length=3000, widget=forms.TextInput(attrs={"placeholder": "如 2020Q4、2021、2021-01"})
    )


def _short(text: str, label: str, limit: int) -> str:
    text = (text or "").strip()
    if len(text) > limit:
        raise ValidationError(f"{label}不超过 {limit} 字（现为 {len(text)} 字）")
    return text


PLAN_FIELDS = [
    ("name", "指标"),
    ("weight", "权重"),
    ("method", "计分方式"),
    ("target", "目标值"),
    ("actual", "实际值"),
    ("floor", "下限"),
    ("cap", "上限"),
    ("deduction", "扣分标准"),
    ("evidence", "佐证"),
    ("metric_key", "取数指标"),
]


def plan_rows_from_post(post, count: int) -> tuple[list[IndicatorIn], list[str], list[dict]]:
    """The rows of the plan form (`name-1`, `weight-1`, …): the indicators, the problems (naming the row and the
    field), and the rows as typed to show again."""
    indicators, problems, typed = [], [], []
    for i in range(1, min(count, MAX_ROWS) + 1):
        row = {key: str(post.get(f"{key}-{i}", ""))[:3000] for key, _ in PLAN_FIELDS}
        typed.append(row)
        if not any(row[key].strip() for key in ("name", "weight", "target", "actual")):
            continue
        try:
            name = _short(row["name"], "指标", 64)
            weight = decimal_or_none(row["weight"], "权重", high=Decimal(100))
            if weight is None:
                raise ValidationError("缺少权重")
            indicators.append(
                IndicatorIn(
                    name=name,
                    weight=weight,
                    method=row["method"].strip()[:32],
                    target=decimal_or_none(row["target"], "目标值"),
                    actual=decimal_or_none(row["actual"], "实际值"),
                    floor=decimal_or_none(row["floor"], "下限", high=10),
                    cap=decimal_or_none(row["cap"], "上限", high=10),
                    deduction=decimal_or_none(row["deduction"], "扣分标准", high=100),
                    evidence=_short(row["evidence"], "佐证", 500),
                    metric_key=_short(row["metric_key"], "取数指标", 64),
                    row=i,
                )
            )
        except ValidationError as exc:
            problems.append(f"第 {i} 行：{exc.messages[0]}")
    return indicators, problems, typed


class ReviewForm(forms.Form):
    rater_type = forms.ChoiceField(label="评价人类型", choices=Review.RaterType.choices)
    rater_name = forms.CharField(label="评价人", max_length=64)
    score = forms.DecimalField(label="得分（0–100）", min_value=0, max_value=100, decimal_places=2)
    comment = forms.CharField(label="意见", max_length=500, required=False)

    def review(self, subject_id: int) -> ReviewIn:
        data = self.cleaned_data
        return ReviewIn(
            subject_id=subject_id,
            rater_type=data["rater_type"],
            rater_name=data["rater_name"].strip(),
            score=data["score"],
            comment=data["comment"].strip(),
        )


class InvitationForm(forms.Form):
    enterprise = forms.CharField(
        label="服务对象（企业）",
        max_length=64,
        widget=forms.TextInput(attrs={"placeholder": "如 济北精工机械有限公司"}),
    )


class CalibrateForm(forms.Form):
    grade = forms.ChoiceField(label="调整后的等次", choices=Grade.choices)
    reason = forms.CharField(label="调整理由", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class AppealForm(forms.Form):
    reason = forms.CharField(label="申诉理由", max_length=1000, widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label="处理结果", choices=[("rejected", "驳回申诉"), ("upheld", "申诉成立，改定等次")])
    grade = forms.ChoiceField(label="改定后的等次（申诉成立时）", choices=[("", "—"), *Grade.choices], required=False)
    answer = forms.CharField(label="答复意见", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class MethodForm(forms.Form):
    name = forms.CharField(label="计分方式名称", max_length=32)
    kind = forms.ChoiceField(label="公式", choices=ScoringMethod.Kind.choices)
    floor = forms.DecimalField(label="下限", min_value=0, max_value=10, decimal_places=3, initial="0.6")
    cap = forms.DecimalField(label="上限", min_value=0, max_value=10, decimal_places=3, initial="1.2")
    cycle = forms.TypedChoiceField(label="自周期起生效", coerce=int)
    reason = forms.CharField(label="变更理由", max_length=500)

    def __init__(self, *args, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].choices = [(c.pk, c.code) for c in cycles]


class RateForm(forms.Form):
    score = forms.DecimalField(
        label="评分（0–100 分）",
        min_value=0,
        max_value=100,
        decimal_places=2,
        error_messages={"invalid": "请填写 0 到 100 之间的分数"},
    )
    comment = forms.CharField(
        label="意见和建议（可不填）", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

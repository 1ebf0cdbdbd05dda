from django import forms

from taizhang.people.models import Recommendation
from taizhang.people.rules.elimination import DISMISS

R = Recommendation


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label="决定", widget=forms.RadioSelect)
    reason = forms.CharField(label="决定理由", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, recommendation: Recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        if recommendation.action == DISMISS:
            accept = [(R.Decision.DISMISS, "采纳：解聘"), (R.Decision.NO_RENEWAL, "采纳：聘期满不续聘")]
        else:
            accept = [(R.Decision.STANDBY, "采纳：待岗培训")]
        self.fields["decision"].choices = [*accept, ("reject", "不采纳")]

    def chosen(self) -> str:
        value = self.cleaned_data["decision"]
        return "" if value == "reject" else value

    def chosen_label(self) -> str:
        return dict(self.fields["decision"].choices)[self.cleaned_data["decision"]]


class AppealForm(forms.Form):
    text = forms.CharField(label="申诉理由", max_length=1000, widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(forms.Form):
    uphold = forms.TypedChoiceField(
        label="答复",
        choices=[("1", "维持原决定"), ("0", "撤销原决定")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(label="答复意见", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class RuleRowForm(forms.Form):
    grade = forms.ChoiceField(
        label="等次", choices=[("", "（不用）"), ("fail", "不合格"), ("basic", "基本合格")], required=False
    )
    count = forms.IntegerField(label="次数", min_value=1, max_value=12, required=False)
    within = forms.IntegerField(label="最近周期数", min_value=1, max_value=12, required=False)
    in_a_row = forms.BooleanField(label="须连续", required=False)
    action = forms.ChoiceField(label="处理", choices=[("standby", "待岗培训"), ("dismiss", "解聘/不续聘")])

    def as_rule(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("grade"):
            return None
        count = data.get("count") or 1
        within = count if data["in_a_row"] else (data.get("within") or count)
        return {
            "grade": data["grade"],
            "count": count,
            "within": within,
            "in_a_row": data["in_a_row"],
            "action": data["action"],
        }


RuleRows = forms.formset_factory(RuleRowForm, extra=2, max_num=8)


class RuleSetForm(forms.Form):
    cycle = forms.TypedChoiceField(label="自该周期起施行", coerce=int)
    appeal_days = forms.IntegerField(label="申诉期（天）", min_value=1, max_value=90, initial=15)
    reason = forms.CharField(label="修订说明", max_length=200)

    def __init__(self, *args, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].choices = [(c.pk, c.code) for c in cycles]

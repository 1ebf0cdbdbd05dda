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

"""The forms of 竞聘上岗: a round (its posts with openings as one number field per post), applying, the component
scores (three fields per application), the proposal, an objection and its answer."""

from __future__ import annotations

from datetime import timedelta

from django import forms

from taizhang.core import clock
from taizhang.core.forms import date_input
from taizhang.people.rules import posts as post_rules
from taizhang.people.rules import rounds as rules

SCORE = {"step": "0.01", "inputmode": "decimal", "class": "form-control form-control-sm", "style": "min-width:5rem"}


def _weight(label: str, initial) -> forms.DecimalField:
    return forms.DecimalField(label=label, min_value=0, max_value=100, max_digits=5, decimal_places=2, initial=initial)


class RoundForm(forms.Form):
    title = forms.CharField(label="竞聘名称", max_length=100)
    max_posts = forms.IntegerField(label="每人最多报名岗位数", min_value=1, max_value=10, initial=2)
    written_weight = _weight("笔试权重（%）", 40)
    interview_weight = _weight("面试权重（%）", 40)
    democratic_weight = _weight("民主测评权重（%）", 20)
    apply_from = forms.DateField(label="报名开始", widget=date_input())
    apply_until = forms.DateField(label="报名截止", widget=date_input())
    term_starts_on = forms.DateField(label="聘期开始", widget=date_input())
    term_ends_on = forms.DateField(label="聘期结束", widget=date_input())
    shares = forms.CharField(label="各年度绩效薪酬占比（%）", max_length=100, initial="30%→35%→40%")
    publicity_days = forms.IntegerField(label="公示天数", min_value=1, max_value=30, initial=5)

    def __init__(self, *args, posts, **kwargs):
        super().__init__(*args, **kwargs)
        today = clock.today()
        self.fields["apply_from"].initial = today
        self.fields["apply_until"].initial = today + timedelta(days=7)
        self.fields["term_starts_on"].initial = today + timedelta(days=30)
        self.fields["term_ends_on"].initial = post_rules.anniversary(today + timedelta(days=30), 3) - timedelta(days=1)
        self.posts = list(posts)
        for post in self.posts:
            self.fields[f"openings_{post.pk}"] = forms.IntegerField(
                label=f"{post.department.name} · {post.name} 拟聘人数",
                min_value=0,
                max_value=999,
                required=False,
                help_text="0 或不填：不参加竞聘",
            )

    def clean(self):
        data = super().clean()
        weights = [data.get(k) for k in ("written_weight", "interview_weight", "democratic_weight")]
        if None not in weights:
            problem = rules.weights_problem(weights)
            if problem:
                self.add_error("written_weight", problem)
        starts, ends = data.get("term_starts_on"), data.get("term_ends_on")
        if starts and ends and "shares" in data:
            try:
                data["shares"] = post_rules.parse_shares(data["shares"], post_rules.term_years(starts, ends))
            except post_rules.ShareError as exc:
                self.add_error("shares", exc.message)
        data["posts"] = {p: data[f"openings_{p.pk}"] for p in self.posts if data.get(f"openings_{p.pk}")}
        if not data["posts"]:
            self.add_error(None, "请至少为一个岗位填写拟聘人数")
        return data


class ApplyForm(forms.Form):
    round_posts = forms.ModelMultipleChoiceField(
        None,
        label="报名岗位",
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"required": "请至少选择一个岗位", "invalid_choice": "所选岗位不在本次竞聘中"},
    )

    def __init__(self, *args, round_posts, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["round_posts"]
        field.queryset = round_posts
        field.label_from_instance = lambda rp: f"{rp.post.department.name} · {rp.post.name}（{rp.openings} 人）"


class ScoresForm(forms.Form):
    """One row of three fields per application: w_<id>, i_<id>, d_<id>."""

    PREFIXES = ("w", "i", "d")

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.applications = applications
        for a in applications:
            for prefix, label, value in zip(self.PREFIXES, rules.COMPONENTS, a.scores, strict=True):
                self.fields[f"{prefix}_{a.pk}"] = forms.DecimalField(
                    label=f"{a.user.full_name} {label}",
                    required=False,
                    min_value=0,
                    max_value=100,
                    max_digits=5,
                    decimal_places=2,
                    initial=value,
                    widget=forms.NumberInput(attrs=SCORE),
                )

    def rows(self):
        return [(a, [self[f"{p}_{a.pk}"] for p in self.PREFIXES]) for a in self.applications]

    def scores(self) -> dict[int, tuple]:
        return {a.pk: tuple(self.cleaned_data[f"{p}_{a.pk}"] for p in self.PREFIXES) for a in self.applications}


class ObjectionForm(forms.Form):
    application = forms.ModelChoiceField(None, label="针对的拟聘人员", required=False, empty_label="（整体）")
    text = forms.CharField(label="异议内容", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, proposed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = proposed
        self.fields["application"].label_from_instance = lambda a: f"{a.user.full_name}（{a.round_post.post.name}）"


class AnswerForm(forms.Form):
    answer = forms.CharField(label="答复", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

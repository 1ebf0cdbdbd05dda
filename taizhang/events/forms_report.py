"""The report's forms: finishing the event with its crowd estimate, a game's places, vendors' sales, photos and
the brief."""

from __future__ import annotations

from django import forms

from taizhang.core.forms import MultipleImageField


class FinishForm(forms.Form):
    crowd = forms.IntegerField(label="参与群众约（人次）", min_value=0, max_value=10_000_000)

    def __init__(self, *args, counted: int, **kwargs):
        super().__init__(*args, initial={"crowd": counted}, **kwargs)
        self.fields[
            "crowd"
        ].help_text = f"现场签到统计 {counted} 人次（报名签到含队员、现场登记、摊主），可按街道上报的估算数修改"


class ResultsForm(forms.Form):
    """Places 1..rows of a game: the team or person (picked from the sign-ups or typed), score, prize."""

    def __init__(self, *args, rows: int, entrants: list[str], results, **kwargs):
        initial = {}
        for r in results:
            initial.update({f"entrant_{r.place}": r.entrant, f"score_{r.place}": r.score, f"prize_{r.place}": r.prize})
        super().__init__(*args, initial=initial, **kwargs)
        self.places = list(range(1, rows + 1))
        for place in self.places:
            self.fields[f"entrant_{place}"] = forms.CharField(
                label=f"第{place}名", max_length=64, required=False, widget=forms.TextInput(attrs={"list": "entrants"})
            )
            self.fields[f"score_{place}"] = forms.CharField(label="成绩", max_length=64, required=False)
            self.fields[f"prize_{place}"] = forms.CharField(label="奖品", max_length=100, required=False)
        self.entrants = entrants

    def rows(self):
        return [(p, self[f"entrant_{p}"], self[f"score_{p}"], self[f"prize_{p}"]) for p in self.places]

    def placings(self):
        from taizhang.events.report import Placing

        data = self.cleaned_data
        return [Placing(p, data[f"entrant_{p}"], data[f"score_{p}"], data[f"prize_{p}"]) for p in self.places]


class SalesForm(forms.Form):
    """One amount per vendor (元, to the fen); empty = not reported."""

    def __init__(self, *args, vendors, **kwargs):
        super().__init__(*args, initial={f"sales_{v.pk}": v.sales for v in vendors}, **kwargs)
        self.vendors = list(vendors)
        for v in self.vendors:
            self.fields[f"sales_{v.pk}"] = forms.DecimalField(
                label=f"{v.holder}（{v.stall.number if v.stall else '未分配摊位'}）",
                required=False,
                min_value=0,
                max_digits=12,
                decimal_places=2,
                widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
            )

    def rows(self):
        return [(v, self[f"sales_{v.pk}"]) for v in self.vendors]

    def amounts(self):
        return [(v, self.cleaned_data[f"sales_{v.pk}"]) for v in self.vendors]


class PhotoUploadForm(forms.Form):
    photos = MultipleImageField(label="照片（可一次选择多张）")
    caption = forms.CharField(label="说明", max_length=90, required=False, help_text="例如：拔河比赛现场")


class BriefForm(forms.Form):
    text = forms.CharField(
        label="简报",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="清空后保存即恢复为按数据自动生成的简报",
    )

"""The check-in page's code box and the walk-in form."""

from __future__ import annotations

from django import forms

from taizhang.events.rules import places


class CodeForm(forms.Form):
    """The code typed (the page draws its own large input: a phone's keyboard in capitals, the help under it)."""

    code = forms.CharField(label="签到码", max_length=20)


class WalkInForm(forms.Form):
    """Someone at the gate: the session (those taking sign-ups, each with its free places), who, how many."""

    session = forms.TypedChoiceField(label="场次", coerce=int)
    name = forms.CharField(label="姓名", max_length=64)
    phone = forms.CharField(label="手机号", max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"}))
    people = forms.IntegerField(
        label="人数", min_value=1, max_value=50, initial=1, help_text="个人报名的场次：同来的人数"
    )
    team_name = forms.CharField(label="队名", max_length=64, required=False, help_text="趣味运动会等组队项目填写")
    members = forms.CharField(
        label="队员", required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="一行一人，或用顿号分隔"
    )
    village = forms.CharField(label="村居", max_length=64, required=False)

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = {s.pk: s for s in sessions}
        self.fields["session"].choices = [("", "请选择场次")] + [(s.pk, f"{s.name}（{_free(s)}）") for s in sessions]


def _free(session) -> str:
    free = places.free_places(session.capacity, session.n_confirmed)
    return "不限" if free is None else f"余 {free}"

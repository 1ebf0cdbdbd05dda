"""The residents' forms on the public page: a sign-up for one session (a person, or a team with its members) and
the cancellation through the private link. The service (events.signups) checks what they hold and names the field."""

from __future__ import annotations

from django import forms

from taizhang.events.models import Session
from taizhang.events.public_forms import HoneypotMixin
from taizhang.events.rules import signup as signup_rules

FIELDS = ("team_name", "name", "phone", "members", "village")


class SignUpForm(HoneypotMixin, forms.Form):
    team_name = forms.CharField(label="队名", max_length=64, error_messages={"required": "请填写队名"})
    name = forms.CharField(label="姓名", max_length=64, error_messages={"required": "请填写姓名"})
    phone = forms.CharField(label="手机号", max_length=20, error_messages={"required": "请填写手机号"})
    members = forms.CharField(label="队员", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    village = forms.CharField(label="村居", max_length=64, required=False, help_text="选填，如：东辛村")

    def __init__(self, data=None, *, session: Session):
        super().__init__(data)
        self.session = session
        self.fields["phone"].widget.attrs.update(inputmode="tel", autocomplete="tel")
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        if session.signup == Session.Signup.TEAM:
            self.fields["name"].label = "领队姓名"
            most = f"每队最多 {session.team_size_max} 人（含领队），" if session.team_size_max else ""
            self.fields["members"].help_text = f"{most}一行写一位队员，领队不必重复填写"
        else:
            del self.fields["team_name"], self.fields["members"]

    def clean(self):
        """Every mistake at once, by the rules the service applies again (it also refuses a repeated phone)."""
        data = super().clean()
        team = self.session.signup == Session.Signup.TEAM
        found = signup_rules.problems(
            name=data.get("name", ""),
            phone=signup_rules.normalise_phone(data.get("phone", "")),
            team=team,
            team_name=data.get("team_name", ""),
            members=signup_rules.parse_members(data.get("members", "")) if team else [],
            team_size_max=self.session.team_size_max,
        )
        for field, message in found.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data

    def values(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in FIELDS if name in self.fields}


class CancelForm(HoneypotMixin, forms.Form):
    reason = forms.CharField(label="取消原因（选填）", max_length=200, required=False)

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils import timezone

from taizhang.core.forms import clean_by_rule
from taizhang.core.http import client_address
from taizhang.core.rules import normalize_phone
from taizhang.org.models import LoginThrottle, OrgNode, Role, User
from taizhang.staff import lockout

Kind = LoginThrottle.Kind
# The audit entry's reason for an attempt refused before its password was evaluated.
REFUSALS = {"locked": "账号锁定期间尝试登录", "throttled": "该网络地址登录失败过多，暂停登录期间尝试登录"}


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。连续输错 %(max)s 次将锁定账号 %(minutes)s 分钟。",
        "inactive": "该账号已停用，请联系单位管理员。",
        "locked": "该账号因多次输错密码已被锁定，请在 %(until)s 后再试，或联系单位管理员解锁。",
        "throttled": "从您所在网络登录失败的次数过多，已暂停登录，请在 %(until)s 后再试。",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"

    def _refuse(self, code: str, until, **record):
        lockout.login_record(**record, succeeded=False, refusal=REFUSALS[code])
        until = timezone.localtime(until).strftime("%H:%M")
        raise forms.ValidationError(self.error_messages[code], code=code, params={"until": until})

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        if not username:
            return super().clean()
        address = client_address(self.request) if self.request else ""
        known = User.objects.filter(username=username).first()
        record = {"username": username, "ip": address, "user": known}
        # Both slots are claimed before the password is evaluated; see taizhang/staff/lockout.py.
        by_address = lockout.claim(Kind.ADDRESS, address)
        if not by_address.allowed:
            self._refuse("throttled", by_address.locked_until, **record)
        by_account = lockout.claim(Kind.ACCOUNT, username)
        if not by_account.allowed:
            lockout.give_back(Kind.ADDRESS, address)
            self._refuse("locked", by_account.locked_until, **record)
        # Django's backend refuses inactive accounts as if the password were wrong; say what it is.
        if known and not known.is_active and known.check_password(self.cleaned_data.get("password") or ""):
            raise forms.ValidationError(self.error_messages["inactive"], code="inactive")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            locks = by_account.attempts == settings.LOGIN_MAX_FAILURES
            lockout.login_record(**record, succeeded=False, locks=locks)
            raise forms.ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"max": settings.LOGIN_MAX_FAILURES, "minutes": settings.LOGIN_LOCKOUT_MINUTES},
            )
        lockout.give_back(Kind.ADDRESS, address)
        lockout.reset(username)
        lockout.login_record(**(record | {"user": self.get_user()}), succeeded=True)
        return cleaned


def staff_nodes(unit: OrgNode):
    return OrgNode.objects.filter(unit=unit, is_active=True).order_by("path")


class StaffForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "username", "role", "node", "phone"]

    def __init__(self, *args, unit: OrgNode, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["node"].required = True
        self.fields["node"].queryset = staff_nodes(unit)
        self.fields["node"].label_from_instance = lambda n: (
            f"{'　' * (n.path.count('/') - 3)}{n.name}（{n.kind_label}）"
        )
        self.fields["role"].choices = [
            c for c in Role.choices if c[0] not in (Role.DISTRICT_LEADER, Role.DISTRICT_ADMIN)
        ]
        if self.instance.pk:
            self.fields["username"].disabled = True

    def clean_phone(self):
        return clean_by_rule(normalize_phone, self.cleaned_data["phone"])


PASSWORD_RULES = "至少 10 位，不能是纯数字或常见密码，也不能与用户名、姓名或手机号相近"


class NewStaffForm(StaffForm):
    password = forms.CharField(
        label="初始密码",
        widget=forms.PasswordInput,
        help_text=f"{PASSWORD_RULES}。请当面告知本人；本人第一次登录时须改成自己的密码",
    )


class PasswordResetForm(forms.Form):
    password = forms.CharField(
        label="新密码",
        widget=forms.PasswordInput,
        help_text=f"{PASSWORD_RULES}。本人下次登录时须改成自己的密码",
    )


class UnlockForm(forms.Form):
    reason = forms.CharField(label="解锁原因", max_length=200, help_text="例如：已电话核实是本人输错密码")


class OwnPasswordForm(PasswordChangeForm):
    """One's own password: the current one, then the new one twice; the validators run on the new one."""

    error_messages = PasswordChangeForm.error_messages | {
        "password_incorrect": "原密码不正确，请重新输入。",
        "password_mismatch": "两次输入的新密码不一致。",
    }

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["old_password"].label = "原密码"
        self.fields["new_password1"].label = "新密码"
        self.fields["new_password1"].help_text = PASSWORD_RULES
        self.fields["new_password2"].label = "再输入一遍新密码"

    def validate_password_for_user(self, user, password_field_name="new_password2"):
        super().validate_password_for_user(user, "new_password1")  # the rules' reasons under the field they are about


class NodeForm(forms.Form):
    name = forms.CharField(label="名称", max_length=64)
    kind = forms.ChoiceField(
        label="类型", choices=[("urban", "居（社区）"), ("village", "村"), ("group", "工作组"), ("department", "部门")]
    )
    parent = forms.ModelChoiceField(OrgNode.objects.none(), label="上级", required=False, empty_label="（本单位）")

    def __init__(self, *args, unit: OrgNode, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = OrgNode.objects.filter(unit=unit, kind=OrgNode.Kind.COMMUNITY)

    def clean(self):
        data = super().clean()
        if data.get("kind") == "department" and data.get("parent"):
            self.add_error("parent", "部门直属本单位，不能建在村居之下")
        return data

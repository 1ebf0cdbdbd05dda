"""One's own account: the password (forced after an admin chose it) and the signed-in sessions."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from taizhang.staff.forms import OwnPasswordForm
from taizhang.staff.passwords import password_change as change


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


def password_change(request: HttpRequest) -> HttpResponse:
    forced = request.user.must_change_password
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = change(user=request.user, password=form.cleaned_data["new_password1"])
        except ValidationError as exc:
            form.add_error("new_password1", exc)
        else:
            update_session_auth_hash(request, user)  # this session stays; the others end with the old password
            messages.success(request, "密码已修改。其他设备上的登录已退出。")
            return redirect(_next(request))
    return render(request, "staff/password_change.html", {"form": form, "forced": forced, "next": _next(request)})

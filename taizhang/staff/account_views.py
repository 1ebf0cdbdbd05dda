"""One's own account: the password (forced after an admin chose it) and the signed-in sessions."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from taizhang.staff import sessions
from taizhang.staff.forms import OwnPasswordForm
from taizhang.staff.passwords import password_change as change
from taizhang.staff.rules import device_label


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
            sessions.keep_this_session_only(request, user)
            messages.success(request, "密码已修改。其他设备上的登录已退出。")
            return redirect(_next(request))
    return render(request, "staff/password_change.html", {"form": form, "forced": forced, "next": _next(request)})


def session_list(request: HttpRequest) -> HttpResponse:
    records = list(sessions.active_sessions(request.user))
    for record in records:
        record.device = device_label(record.user_agent)
        record.current = record.session_key == request.session.session_key
    context = {
        "records": records,
        "others": sum(not r.current for r in records),
        "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
    }
    return render(request, "staff/sessions.html", context)


@require_POST
def session_sign_out_others(request: HttpRequest) -> HttpResponse:
    ended = sessions.sign_out_others(
        user=request.user, keep_key=request.session.session_key, reason="本人退出其他设备上的登录"
    )
    messages.success(request, f"已退出其他 {ended} 处登录。" if ended else "没有其他设备上的登录。")
    return redirect("account:sessions")

from urllib.parse import urlencode

from django.contrib.auth import logout
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

# What an account that must change its password may still reach (besides the change page itself).
ALLOWED_WHILE_FORCED = {"account:password", "logout", "login", "health"}


class PasswordChangeRequiredMiddleware:
    """An account whose password an admin chose (or the staff import generated) is sent to the change page from
    every other page until it has chosen its own; the API refuses it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (user.is_authenticated and user.must_change_password):
            return None
        if request.resolver_match and request.resolver_match.view_name in ALLOWED_WHILE_FORCED:
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": "请先在网页上修改管理员设置的初始密码。"}, status=403)
        if request.headers.get("HX-Request"):  # a fragment (the menu's badges): nothing, not the page
            return HttpResponse(status=204)
        target = reverse("account:password")
        if request.method == "GET" and request.path_info != "/":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)


class SessionTrackingMiddleware:
    """Signs a request out when its session was signed out from elsewhere (or predates the record of sessions), and
    keeps the session's last use for the list of one's sessions; see taizhang/staff/sessions.py."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from taizhang.staff.sessions import still_signed_in

        if request.user.is_authenticated and not still_signed_in(request):
            logout(request)
        return self.get_response(request)

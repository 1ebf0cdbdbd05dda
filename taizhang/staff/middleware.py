from urllib.parse import urlencode

from django.http import JsonResponse
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
        target = reverse("account:password")
        if request.method == "GET" and request.path_info != "/":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)

import re

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.utils.cache import add_never_cache_headers


class PagesLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Every page needs a login; /api/ authenticates itself and answers 401 instead of redirecting."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class DownloadCookieMiddleware:
    """A link marked `data-pdf` (core/downloads.js) adds `?download_token=…`; the file's response sets a cookie of that
    name, so the page knows the download has started and ends its "正在生成…" state (a browser tells a page nothing
    about a download it started)."""

    PATTERN = re.compile(r"[A-Za-z0-9]{8,32}")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        token = request.GET.get("download_token", "")
        if token and self.PATTERN.fullmatch(token) and response.has_header("Content-Disposition"):
            response.set_cookie("download_token", token, max_age=120, samesite="Lax", secure=request.is_secure())
        return response


class NoStoreMiddleware:
    """Nothing a signed-in user is shown is kept by the browser or a proxy (pages, PDFs, exports, API answers: they
    carry personal data; a shared office PC's back button or cache must not bring them back after logout). Static
    files are answered by whitenoise before this and keep their caching."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response

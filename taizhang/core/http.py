"""Small helpers every app's views share."""

from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse


def require(allowed: bool, message: str = "您的角色无权进行此操作") -> None:
    if not allowed:
        raise PermissionDenied(message)


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    # RFC 5987 so Chinese file names survive every browser.
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
PDF = "application/pdf"


def client_address(request) -> str:
    """The client's address: the peer, or the client a trusted reverse proxy names (the last hop it appended;
    settings.TRUSTED_PROXIES). A client cannot choose its own address by sending X-Forwarded-For."""
    peer = request.META.get("REMOTE_ADDR", "")
    if peer in settings.TRUSTED_PROXIES:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        for hop in reversed(hops):
            if hop not in settings.TRUSTED_PROXIES:
                return hop
    return peer

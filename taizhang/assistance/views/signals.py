"""The visit signals moved to the kernel's 疑点核查 (taizhang.integrity): the old address leads there."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from taizhang.assistance.forms.filters import month_from


def signals(request: HttpRequest) -> HttpResponse:
    month, _ = month_from(request.GET)
    return redirect(f"{reverse('integrity:index')}?{urlencode({'module': 'assistance', 'month': str(month)})}")

"""The month's authenticity signals for the unit admin to look into (never a verdict)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from taizhang.assistance.authenticity import month_signals
from taizhang.assistance.forms.filters import month_from
from taizhang.assistance.policies import can_manage_assistance
from taizhang.core.http import require


def signals(request: HttpRequest) -> HttpResponse:
    require(can_manage_assistance(request.user))
    month, _ = month_from(request.GET)
    return render(
        request,
        "assistance/signals.html",
        {
            "month": month,
            "signals": month_signals(request.user, month),
            "previous": month.previous(),
            "next": month.next(),
        },
    )

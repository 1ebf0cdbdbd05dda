"""The page an enterprise rates a staff member on, through its single-use link, without an account: it shows the
staff member's name and post only (mounted by the kernel at /public/people/, no login, scoped by the token)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from taizhang.core.pages import refusal
from taizhang.people import reviews
from taizhang.people.forms_kpi import RateForm
from taizhang.people.models import Contract


def rate(request: HttpRequest, rating_token: str) -> HttpResponse:
    invitation = reviews.invitation_by_token(rating_token)
    state = reviews.invitation_state(invitation)
    if invitation is None:
        return render(request, "people/public_rate.html", {"state": state}, status=404)
    contract = (
        Contract.objects.filter(user_id=invitation.subject_id, starts_on__lte=invitation.cycle.ends_on)
        .select_related("post")
        .order_by("-starts_on")
        .first()
    )
    form = RateForm(request.POST or None)
    thanks = False
    if request.method == "POST" and not state and form.is_valid():
        try:
            reviews.invitation_rate(token=rating_token, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, refusal(exc))
        else:
            thanks = True
    context = {
        "state": state,
        "name": invitation.subject.full_name,
        "post": contract.post.name if contract else "",
        "enterprise": invitation.enterprise,
        "form": form,
        "thanks": thanks,
    }
    return render(request, "people/public_rate.html", context, status=400 if form.errors else 200)

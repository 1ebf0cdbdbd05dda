"""The event's public pages (no login, mounted by the kernel at /public/events/): its programme and directions with
what is left of each session's places, reached through the event's key while it is published; a resident's sign-up
form for one session; the sign-up's private page through its token, where its holder reads its state and cancels it.
No page shows anyone's personal data but the private page its holder's own (the phone masked)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from taizhang.core.pages import refusal
from taizhang.core.rules import mask_phone
from taizhang.events import selectors, selectors_public, signups
from taizhang.events.forms_public import CancelForm, SignUpForm
from taizhang.events.models import Session, SignUp
from taizhang.events.models.fields import new_token
from taizhang.events.public_forms import limit_public_posts, log_bot
from taizhang.events.rules import places
from taizhang.events.views.private import private


def event_page(request: HttpRequest, public_key: str) -> HttpResponse:
    event = selectors.published_or_404(public_key)
    programme = selectors_public.programme(event)
    context = {
        "event": event,
        "programme": programme,
        "closed": signups.signup_closed(event),
        "has_expo": not event.finished and any(item.session.kind == Session.Kind.EXPO for item in programme),
    }
    response = render(request, "events/public/event.html", context)
    response["Referrer-Policy"] = "no-referrer"
    return response


def _holder_context(request: HttpRequest, signup: SignUp) -> dict:
    path = reverse("events_public:signup", args=[signup.token])
    link = f"{settings.TAIZHANG_SITE_URL}{path}" if settings.TAIZHANG_SITE_URL else request.build_absolute_uri(path)
    return {
        "signup": signup,
        "event": signup.event,
        "session": signup.session,
        "holder": selectors_public.holder_view(signup),
        "phone": mask_phone(signup.phone),
        "link": link,
    }


def _field_errors(form: SignUpForm, exc: ValidationError) -> None:
    found = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    for field, found_messages in found.items():
        for message in found_messages:
            form.add_error(field if field in form.fields else None, message)


@limit_public_posts
def signup_form(request: HttpRequest, public_key: str, session_id: int) -> HttpResponse:
    event = selectors.published_or_404(public_key)
    item = selectors_public.signup_session_or_404(event, session_id)
    closed = signups.signup_closed(event)
    form = SignUpForm(request.POST or None, session=item.session)
    if request.method == "POST" and not closed:
        if form.is_bot:
            log_bot(request, "signup")
            decoy = SignUp(
                event=event,
                session=item.session,
                name=form.data.get("name", "")[:64],
                phone=form.data.get("phone", "")[:20],
                team_name=form.data.get("team_name", "")[:64],
                state=places.CONFIRMED,
                signed_at=timezone.now(),
                token=new_token(),
            )
            return private(render(request, "events/public/signup_done.html", _holder_context(request, decoy)))
        if form.is_valid():
            try:
                made = signups.signup_create(
                    actor=None, session=item.session, source=SignUp.Source.PUBLIC, check_open=True, **form.values()
                )
            except ValidationError as exc:
                _field_errors(form, exc)
            else:
                return private(render(request, "events/public/signup_done.html", _holder_context(request, made)))
    context = {"event": event, "item": item, "session": item.session, "form": form, "closed": closed}
    return render(request, "events/public/signup_form.html", context, status=400 if form.errors else 200)


def signup_page(request: HttpRequest, signup_token: str) -> HttpResponse:
    signup = selectors_public.signup_by_token_or_404(signup_token)
    return private(render(request, "events/public/signup.html", _holder_context(request, signup)))


@limit_public_posts
def signup_cancel(request: HttpRequest, signup_token: str) -> HttpResponse:
    signup = selectors_public.signup_by_token_or_404(signup_token)
    back = reverse("events_public:signup", args=[signup.token])
    if not selectors_public.holder_view(signup).may_cancel:
        return redirect(back)
    form = CancelForm(request.POST or None)
    if request.method == "POST":
        if form.is_bot:
            log_bot(request, "cancel")
            return redirect(back)
        if form.is_valid():
            try:
                moved = signups.signup_cancel(
                    actor=None, signup=signup, reason=form.cleaned_data["reason"] or "报名人通过私密链接取消"
                )
            except ValidationError as exc:
                form.add_error(None, refusal(exc))
            else:
                done = "已取消报名。" + ("您的名额已由候补的下一位递补。" if moved else "")
                messages.success(request, done)
                return redirect(back)
    context = {**_holder_context(request, signup), "form": form}
    status = 400 if form.errors else 200
    return private(render(request, "events/public/signup_cancel.html", context, status=status), has_form=True)

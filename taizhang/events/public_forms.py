"""What every form of the events' public pages shares (the residents' sign-up, its cancellation, the vendors'
application): a honeypot field that people leave empty and form-filling robots do not, and a limit on the POSTs one
client address may make (settings.EVENTS_PUBLIC_RATE, counted in the database cache every worker shares).

    class VendorForm(HoneypotMixin, forms.Form): ...

    @limit_public_posts
    def apply(request, public_key):
        form = VendorForm(request.POST or None)
        if request.method == "POST" and form.is_bot:
            log_bot(request, form)
            return <the same page a success shows, nothing saved>
"""

from __future__ import annotations

import functools
import logging

from django import forms
from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

from taizhang.core.http import client_address

log = logging.getLogger("taizhang.events.public")

HONEYPOT = "website"
RATE_GROUP = "events.public"


class HoneypotInput(forms.TextInput):
    """A text box hidden by a CSS class (events/public.css), out of the tab order and of autofill, with a label
    telling screen-reader users to leave it empty. Counted among a form's hidden fields, so the kernel's _form.html
    renders it with them."""

    template_name = "events/public/_honeypot.html"
    is_hidden = True

    def __init__(self):
        super().__init__(attrs={"tabindex": "-1", "autocomplete": "off"})


class HoneypotMixin(forms.Form):
    website = forms.CharField(required=False, max_length=200, widget=HoneypotInput(), label="网址")

    def clean(self):
        data = super().clean()
        data.pop(HONEYPOT, None)  # what the form holds is what the person typed
        return data

    @property
    def is_bot(self) -> bool:
        """The honeypot was filled: answer as if all went well, save nothing (`log_bot`)."""
        return bool(self.data.get(HONEYPOT, "").strip())


def log_bot(request, form_name: str) -> None:
    log.warning("public form %s: honeypot filled from %s, nothing saved", form_name, client_address(request))


def _address(group, request) -> str:
    return client_address(request)


def over_limit(request) -> bool:
    """Counts this POST against every rate of settings.EVENTS_PUBLIC_RATE for the client's address; True when one
    of them is exceeded."""
    over = False
    for rate in settings.EVENTS_PUBLIC_RATE:
        over = is_ratelimited(request, group=RATE_GROUP, key=_address, rate=rate, method="POST", increment=True) or over
    return over


def limit_public_posts(view):
    """A POST over the address's limit is answered 429 "提交过于频繁，请稍后再试" before the view runs."""

    @functools.wraps(view)
    def limited(request, *args, **kwargs):
        if request.method == "POST" and over_limit(request):
            log.warning("public form %s: rate limit reached by %s", view.__name__, client_address(request))
            response = render(request, "events/public/too_many.html", status=429)
            response["Retry-After"] = "60"
            return response
        return view(request, *args, **kwargs)

    return limited

"""The headers of every page reached through a private link (a sign-up's, a vendor's, a ticket's): kept by no
cache, indexed by no search engine, and the link never sent to another site. A page with a form sends its address to
its own site only ("same-origin"): under "no-referrer" the browser posts the form with `Origin: null`, which the
CSRF check refuses."""

from django.http import HttpResponse


def private(response: HttpResponse, *, has_form: bool = False) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin" if has_form else "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response

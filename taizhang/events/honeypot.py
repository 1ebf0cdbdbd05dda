"""The public forms' honeypot: a field named `website` that people never see (hidden by a class, out of the tab
order, not autofilled) and simple bots fill in. A filled one is refused silently: the bot gets the same thank-you
page and nothing is saved. Templates include `events/_honeypot.html` inside the form."""

from __future__ import annotations

FIELD = "website"


def is_bot(data) -> bool:
    """True when the honeypot came back filled."""
    return bool((data.get(FIELD) or "").strip())

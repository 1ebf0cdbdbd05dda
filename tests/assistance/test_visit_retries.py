"""A phone on a bad connection sends the same visit again and again, sometimes all at once: every retry gets the first
visit back, none is refused as overlapping the first (the probe: 7 of 10 were), none is a server error. Threads
against a shared database (tests/concurrency.py): meaningful on SQLite and PostgreSQL alike."""

from django.test import Client

from taizhang.assistance.models import Visit
from tests.assistance.conftest import household
from tests.assistance.test_views import visit_data
from tests.concurrency import at_once


def phone(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_ten_retries_at_once_of_one_visit_all_get_the_first_visit(assisted, shared_db):
    url = f"/assistance/households/{household('XS001').pk}/visit/"
    data = visit_data(assisted.xs_worker, mode="phone", idempotency_key="retry-7f3a")
    phones = [phone(assisted.xs_worker) for _ in range(10)]
    answers = at_once([lambda c=c: c.post(url, data, HTTP_ACCEPT="application/json") for c in phones])

    assert [getattr(a, "status_code", a) for a in answers] == [200] * 10
    visit = Visit.objects.get()
    bodies = [a.json() for a in answers]
    assert {b["visit"] for b in bodies} == {visit.pk}
    assert sorted(b["created"] for b in bodies) == [False] * 9 + [True]


def test_the_api_gives_every_simultaneous_retry_the_first_visit(assisted, shared_db):
    from tests.assistance.test_api import post, recent

    url = f"/api/assistance/households/{household('XS001').pk}/visits"
    payload = {**recent(), "idempotency_key": "api-retry-1", "notes": "了解近况"}
    phones = [phone(assisted.xs_worker) for _ in range(10)]
    answers = at_once([lambda c=c: post(c, url, payload) for c in phones])

    assert sorted(getattr(a, "status_code", a) for a in answers) == [200] * 9 + [201]
    assert {a.json()["id"] for a in answers} == {Visit.objects.get().pk}

"""The scoping and masking walks (tests/org/test_scoping.py, test_masking.py) reach the signal pages and download."""

from taizhang.integrity.models import Signal
from tests.masking_walk import follow_ups
from tests.scoping_walk import KERNEL, Walk


def test_the_walks_fill_the_signal_pages_keyword_with_a_signal_of_xinshi(seeded):
    walk = Walk()
    routes = {route.pattern: route for route in walk.routes()}
    assert routes["integrity/<int:signal_id>/"].owner == KERNEL
    assert {"integrity/", "integrity/kinds/", "integrity/run/"} <= set(routes)
    url = walk.fill(routes["integrity/<int:signal_id>/"], seeded)
    signal = Signal.objects.get(pk=int(url.strip("/").split("/")[-1]))
    assert signal.unit == seeded.xinshi and signal.community == seeded.xinshi_village


def test_the_masking_walk_downloads_the_lists_csv(client, login, seeded):
    body = login(seeded.leader).get("/integrity/").content.decode()
    assert "/integrity/?format=csv" in follow_ups("/integrity/", body)

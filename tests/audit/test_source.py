"""Where an audited change came from: the peer's address, or the client a trusted reverse proxy names; never what a
client writes in X-Forwarded-For itself."""

from taizhang.audit.models import AuditEntry
from tests.registry.test_views import household_form


def create(client, world, no, **meta):
    client.post("/registry/households/new/", household_form(world, household_no=no), **meta)
    return AuditEntry.objects.get(object_type="registry.household", object_repr=f"户 {no}")


def test_a_forged_forwarded_for_header_is_not_the_audit_source(client, world, login, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    login("xs_admin")
    entry = create(client, world, "XS551", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert entry.ip == "192.0.2.7"


def test_the_client_a_trusted_proxy_names_is_the_audit_source(client, world, login, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    login("xs_admin")
    entry = create(client, world, "XS552", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="forged, 203.0.113.9")
    assert entry.ip == "203.0.113.9"

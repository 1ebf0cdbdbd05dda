"""The exhibition-sale's URL keywords for the scoping walk: a vendor of 新市镇's festival holding a stall."""

from taizhang.events import vendors
from taizhang.events.models import Stall, VendorApplication
from tests.events.conftest import festival_event as _festival_event
from tests.events.fixtures_vendors import apply


def _vendor(world) -> VendorApplication:
    event = _festival_event(world)
    found = event.vendors.filter(holder="扫描摊主").first()
    if found:
        return found
    vendor = apply(event, "扫描摊主", "13800001111")
    vendors.vendor_approve(actor=world.xs_admin, vendor=vendor)
    stall = event.stalls.filter(vendor__isnull=True).first() or Stall.objects.create(
        unit_id=event.unit_id, event=event, number="Z-01", area="Z区"
    )
    return vendors.vendor_allocate(actor=world.xs_admin, vendor=vendor, stall=stall)


def vendor_id(world):
    return _vendor(world).pk


def stall_id(world):
    return _vendor(world).stall_id


def vendor_token(world):
    return _vendor(world).token


FACTORIES = {"vendor_id": vendor_id, "stall_id": stall_id, "vendor_token": vendor_token}

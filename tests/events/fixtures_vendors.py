"""Vendors of the test festival: an application made through the public service, with a small PNG certificate."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from taizhang.events import vendors
from taizhang.events.models import Event, VendorApplication


def png(name: str = "证明.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 230, 200)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def apply(event: Event, holder: str = "李春生", phone: str = "13912345678", **extra) -> VendorApplication:
    fields = {"village": "新市村", "produce": "黄河大米", "certificate": png()} | extra
    return vendors.vendor_apply(event=event, holder=holder, phone=phone, **fields)


def allocated(festival, holder: str = "李春生", stall_index: int = 0) -> VendorApplication:
    vendor = apply(festival.event, holder)
    vendors.vendor_approve(actor=festival.admin, vendor=vendor)
    return vendors.vendor_allocate(actor=festival.admin, vendor=vendor, stall=festival.stalls[stall_index])

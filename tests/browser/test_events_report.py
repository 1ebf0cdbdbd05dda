"""The report after the festival in headless chromium: the unit admin opens it at 1280 px, copies the brief and
downloads the PDF, then reads it on a 360 px phone."""

import os
import random
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.events import demo_report
from taizhang.events import report as services
from tests.browser.conftest import SHOTS, login, shoot
from tests.conftest import PASSWORD
from tests.events.fixtures_report import make_counted

pytestmark = pytest.mark.browser


def test_the_admin_reads_the_report_copies_the_brief_and_downloads_the_pdf(browser_world, open_page):
    counted = make_counted(browser_world)
    f = counted.festival
    rng = random.Random(1)
    photos = []
    for caption, sky, ground, kind in demo_report.SCENES[:4]:
        data = demo_report.scene(caption, sky, ground, kind, rng)
        photos += services.photos_add(
            actor=f.admin, event=f.event, photos=[SimpleUploadedFile("s.jpg", data)], caption=caption
        )
    services.photos_pick(actor=f.admin, event=f.event, photo_ids={p.pk for p in photos})
    services.results_set(actor=f.admin, session=f.tug, placings=[services.Placing(1, "东辛村队", "2:0", "大米一袋")])

    desk = open_page(1280)
    login(desk, f.admin.username, PASSWORD)
    desk.goto(f"/events/{f.event.pk}/")
    desk.click("text=结束活动")
    desk.wait_for_selector("text=参与群众约（人次）")
    desk.fill("#id_crowd", "3200")
    desk.click("button:has-text('确定')")
    desk.wait_for_selector("text=活动已结束")
    desk.goto(f"/events/{f.event.pk}/report/")
    desk.click("text=复制简报")
    desk.wait_for_selector("#copy-done:not(.d-none)")
    assert "参与群众约3200人次" in desk.inner_text("#brief-text")
    shoot(desk, "events-report")
    with desk.expect_download() as download:
        desk.click("#report-pdf")
    pdf = Path(os.environ.get("TMPDIR", "/tmp")) / "events-report.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "events-report.pdf").write_bytes(pdf.read_bytes())

    phone = open_page(360, 780)
    login(phone, f.admin.username, PASSWORD)
    phone.goto(f"/events/{f.event.pk}/report/")
    phone.wait_for_selector("text=各场次报名与签到")
    shoot(phone, "events-report")
    phone.goto(f"/events/{f.event.pk}/photos/")
    phone.wait_for_selector("text=用于报告")
    shoot(phone, "events-report-photos")

"""Batch printing: every household of a 村居 as one PDF, built in the background, for the user who asked."""

from datetime import timedelta

import pytest

from taizhang.audit.models import AuditEntry
from taizhang.core.rules import mask_id_number
from taizhang.registry import printing
from taizhang.registry.models import Household, PrintJob
from tests.conftest import household_rows, pdf_text


@pytest.fixture
def inline_jobs(monkeypatch, django_capture_on_commit_callbacks):
    """The job runs when its row is committed, in the test's thread instead of a new one."""
    monkeypatch.setattr(printing, "launch", lambda job_id, base_url: printing.print_job_run(job_id))

    def start(client, community):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/registry/print-jobs/", {"community": community.pk})
        assert response.status_code == 302, response.content.decode()
        return PrintJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))

    return start


@pytest.fixture
def village(seeded):
    from taizhang.registry.importing import household_import
    from tests.conftest import csv_bytes

    rows = household_rows("XS003", "新市村", 2, 40)
    assert household_import(unit=seeded.xinshi, data=csv_bytes(rows), filename="more.csv").applied
    return seeded


def test_a_group_leader_prints_every_household_of_the_village_in_one_masked_pdf(client, village, inline_jobs):
    client.force_login(village.xs_group_leader)
    job = inline_jobs(client, village.xinshi_village)
    assert (job.status, job.total, job.done) == (PrintJob.Status.DONE, 2, 2)
    page = client.get(f"/registry/print-jobs/{job.pk}/").content.decode()
    assert "已生成 2 户的一户一档" in page and "every 2s" not in page  # ended: the page stops polling
    response = client.get(f"/registry/print-jobs/{job.pk}/file/")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(response.streaming_content))
    assert text.count("一户一档") >= 2 and "XS001" in text and "XS003" in text and "XS002" not in text  # 闻韶村
    head = Household.objects.get(household_no="XS001").head.id_number
    assert mask_id_number(head) in text and head not in text
    assert "年龄" in text and "出生日期" not in text  # the column holds ages for a masked reader
    audited = AuditEntry.objects.filter(object_type="registry.print-job", object_id=str(job.pk))
    assert sorted(audited.values_list("action", flat=True)) == [AuditEntry.Action.EXPORT, AuditEntry.Action.PRINT]


def test_the_page_polls_while_the_job_runs_and_shows_its_progress(client, seeded):
    job = printing.PrintJob.objects.create(
        unit=seeded.xinshi,
        community=seeded.xinshi_village,
        requested_by=seeded.xs_admin,
        total=4,
        done=1,
        created_at=printing.clock.now(),
        heartbeat_at=printing.clock.now(),
    )
    client.force_login(seeded.xs_admin)
    partial = client.get(f"/registry/print-jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in partial and "已完成 1 / 4 户" in partial and "25%" in partial
    assert "<nav" not in partial
    assert client.get(f"/registry/print-jobs/{job.pk}/file/")["Location"] == f"/registry/print-jobs/{job.pk}/"


def test_a_job_whose_server_restarted_ends_as_not_finished(client, seeded, clock):
    job = printing.PrintJob.objects.create(
        unit=seeded.xinshi,
        community=seeded.xinshi_village,
        requested_by=seeded.xs_admin,
        total=4,
        created_at=clock.now(),
        heartbeat_at=clock.now(),
    )
    client.force_login(seeded.xs_admin)
    assert 'hx-trigger="every 2s"' in client.get(f"/registry/print-jobs/{job.pk}/").content.decode()
    clock.advance(PrintJob.STALE + timedelta(seconds=1))
    page = client.get(f"/registry/print-jobs/{job.pk}/").content.decode()
    assert "未完成：生成中断（服务器重启），请重新生成" in page and "every 2s" not in page
    assert "生成中断" in client.get("/registry/print-jobs/").content.decode()


def test_only_the_one_who_asked_opens_the_batch(client, village, inline_jobs):
    client.force_login(village.xs_group_leader)
    job = inline_jobs(client, village.xinshi_village)
    client.force_login(village.xs_admin)
    assert client.get(f"/registry/print-jobs/{job.pk}/file/").status_code == 403
    assert f"/registry/print-jobs/{job.pk}/" not in client.get("/registry/print-jobs/").content.decode()
    client.force_login(village.jy_admin)
    assert client.get(f"/registry/print-jobs/{job.pk}/").status_code == 404


def test_a_village_worker_can_only_choose_their_own_village(client, seeded):
    client.force_login(seeded.xs_worker)
    response = client.post("/registry/print-jobs/", {"community": seeded.wenshao.pk})
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    assert not PrintJob.objects.exists()


def test_a_village_without_households_ends_with_the_reason(client, seeded, inline_jobs):
    Household.objects.filter(community=seeded.wenshao).update(status="voided")
    client.force_login(seeded.xs_admin)
    job = inline_jobs(client, seeded.wenshao)
    assert job.status == PrintJob.Status.FAILED and job.error == "该村居没有可打印的户"


def test_the_list_of_batches_takes_the_same_queries_for_one_or_many(client, seeded):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_job():
        now = printing.clock.now()
        PrintJob.objects.create(
            unit=seeded.xinshi,
            community=seeded.xinshi_village,
            requested_by=seeded.xs_admin,
            created_at=now,
            heartbeat_at=now,
        )

    client.force_login(seeded.xs_admin)
    add_job()
    with CaptureQueriesContext(connection) as one:
        client.get("/registry/print-jobs/")
    for _ in range(6):
        add_job()
    with CaptureQueriesContext(connection) as many:
        page = client.get("/registry/print-jobs/").content.decode()
    assert page.count("新市村</td>") == 7 and len(many) == len(one)

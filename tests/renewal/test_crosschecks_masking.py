"""The probe's cross-check cases under the personal-data policy: a group leader's workbook holds their 村居's tasks
only, masked; the district leader and a group leader read masked ID numbers on the pages and the API and cannot find
a task by the digits the mask hides; the population group reads them whole, as the renewal manifest declares."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from taizhang.core.rules import mask_id_number
from taizhang.renewal.models import CrosscheckTask
from tests.renewal.test_crosschecks_views import login, stored_run


def cells(response) -> list[tuple]:
    content = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True))


def test_a_group_leader_downloads_only_their_villages_tasks_with_masked_numbers(client, renewal):
    run = stored_run(renewal)
    login(client, "jy_group")  # 第一工作组's leader, 城里居
    response = client.get(reverse("renewal:crosscheck_details", args=[run.pk]))
    assert response.status_code == 200
    header, *rows = cells(response)
    mine = CrosscheckTask.objects.filter(run=run, community=renewal.world.chengli)
    assert header[1] == "身份证号" and rows and len(rows) == mine.count()
    assert {r[7] for r in rows} == {"城里居"}
    every_id = set(CrosscheckTask.objects.filter(run=run).values_list("id_number", flat=True))
    shown = {r[1] for r in rows}
    assert not shown & every_id and shown == {mask_id_number(t.id_number) for t in mine}


def test_the_unit_admin_still_downloads_the_whole_workbook(client, renewal):
    run = stored_run(renewal)
    login(client, "jy_admin")
    _, *rows = cells(client.get(reverse("renewal:crosscheck_details", args=[run.pk])))
    ids = {r[1] for r in rows}
    assert set(CrosscheckTask.objects.filter(run=run).values_list("id_number", flat=True)) <= ids


def test_the_district_leader_and_a_group_leader_read_masked_numbers_on_the_pages_and_the_api(client, renewal):
    run = stored_run(renewal)
    task = CrosscheckTask.objects.filter(run=run, community=renewal.world.chengli).first()
    for username in ("leader", "jy_group"):
        login(client, username)
        for url in (
            reverse("renewal:crosscheck_run", args=[run.pk]),
            reverse("renewal:crosscheck_task", args=[task.pk]),
            f"/api/renewal/crosschecks/{run.pk}/tasks",
            f"/api/renewal/crosscheck-tasks/{task.pk}",
        ):
            text = client.get(url).content.decode()
            assert task.id_number not in text, (username, url)
            assert mask_id_number(task.id_number) in text, (username, url)


def test_a_masked_role_cannot_find_a_task_by_the_digits_the_mask_hides(client, renewal):
    run = stored_run(renewal)
    task = CrosscheckTask.objects.filter(run=run, community=renewal.world.chengli).first()
    login(client, "jy_group")
    url = reverse("renewal:crosscheck_run", args=[run.pk])
    for query in (task.id_number, task.id_number[-4:], task.id_number[-6:]):
        page = client.get(url, {"q": query, "status": ""}).context["page"]
        assert list(page) == [], query
    login(client, "jy_admin")
    assert task in client.get(url, {"q": task.id_number[-4:], "status": ""}).context["page"]


def test_the_population_group_reads_id_numbers_whole_by_the_renewal_modules_grant(renewal):
    from taizhang.core.personal import BANK_ACCOUNT, ID_NUMBER
    from taizhang.org.personal import disclosure, grants

    population = disclosure(renewal.jy_population_worker)
    assert population.sees_whole(ID_NUMBER) and not population.sees_whole(BANK_ACCOUNT)
    assert not disclosure(renewal.jy_group_leader).sees_whole(ID_NUMBER)
    assert any(module == "棚改旧改" and field == "身份证号" for module, field, _ in grants())


def test_the_population_group_reads_the_tasks_numbers_whole(client, renewal):
    run = stored_run(renewal)
    task = CrosscheckTask.objects.filter(run=run).exclude(community=None).first()
    login(client, "jy_pop")
    assert task.id_number in client.get(reverse("renewal:crosscheck_task", args=[task.pk])).content.decode()

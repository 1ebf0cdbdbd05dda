"""The cross-check pages: the unit admin's upload and the categories, a run's tasks (filtered, paginated, no N+1),
the workbook, a task with both sides and its resolution; the population group opens on its open tasks."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from taizhang.renewal import crosschecks
from taizhang.renewal.crosscheck import POLICE_COLUMNS
from taizhang.renewal.models import CrosscheckRun, CrosscheckTask
from tests.conftest import PASSWORD, csv_bytes, make_id
from tests.renewal.test_crosschecks_services import police_world


def login(client, username):
    assert client.login(username=username, password=PASSWORD)


def upload(client, renewal, data, name="公安.csv"):
    return client.post(
        reverse("renewal:crosscheck", args=[renewal.project.pk]),
        {"file": SimpleUploadedFile(name, data), "action": "preview"},
    )


def confirm(client, renewal, **extra):
    token = client.session["renewal_crosscheck_pending"][str(renewal.project.pk)][0]
    return client.post(
        reverse("renewal:crosscheck", args=[renewal.project.pk]), {"token": token, "action": "confirm", **extra}
    )


def pending_files():
    from django.core.files.storage import default_storage

    try:
        return default_storage.listdir(crosschecks.PENDING_DIR)[1]
    except FileNotFoundError:
        return []


def stored_run(renewal, extra_rows=0) -> CrosscheckRun:
    rows = police_world(renewal)
    rows += [
        [f"外来{i}", make_id(200 + i), f"W{i}", f"东关居新街{i}号", "2001-01-01", "正常"] for i in range(extra_rows)
    ]
    return crosschecks.crosscheck_run(
        actor=None, project=renewal.project, data=csv_bytes(rows, POLICE_COLUMNS), filename="公安.csv"
    )


def test_the_unit_admin_uploads_a_gbk_extract_and_sees_the_categories(client, renewal):
    login(client, "jy_admin")
    rows = police_world(renewal)
    preview = upload(client, renewal, csv_bytes(rows, POLICE_COLUMNS, encoding="gbk"))
    assert preview.status_code == 200 and 'id="crosscheck-preview"' in preview.content.decode()
    assert not CrosscheckRun.objects.exists()
    response = confirm(client, renewal)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    for category, count in [("一致", 3), ("公安无此人", 1), ("台账未登记", 1), ("重复登记", 1)]:
        assert f'data-category="{category}">{count}<' in page
    run = CrosscheckRun.objects.get()
    assert f"{reverse('renewal:crosscheck_run', args=[run.pk])}?category=%E5%A7%93%E5%90%8D%E4%B8%8D%E7%AC%A6" in page


def test_a_bad_upload_shows_its_errors_and_stores_nothing(client, renewal):
    login(client, "jy_admin")
    response = upload(client, renewal, csv_bytes([["张三"]], ["姓名"]))
    assert response.status_code == 200
    assert "缺少必填列" in response.content.decode() and "没有写入任何数据" in response.content.decode()
    assert not CrosscheckRun.objects.exists()


def test_only_the_unit_admin_has_the_upload_form(client, renewal):
    login(client, "jy_pop")
    page = client.get(reverse("renewal:crosscheck", args=[renewal.project.pk]))
    assert page.status_code == 200 and 'type="file"' not in page.content.decode()
    assert upload(client, renewal, csv_bytes(police_world(renewal), POLICE_COLUMNS)).status_code == 403


def test_the_population_group_opens_on_its_open_tasks(client, renewal):
    run = stored_run(renewal)
    done = CrosscheckTask.objects.get(run=run, category="姓名不符")
    crosschecks.task_resolve(actor=renewal.jy_population_worker, task=done, resolution="已更正")
    login(client, "jy_pop")
    index = client.get(reverse("renewal:crosscheck", args=[renewal.project.pk])).content.decode()
    assert "我的待处理任务" in index and index.count('href="/renewal/crosscheck-tasks/') == 5
    page = client.get(reverse("renewal:crosscheck_run", args=[run.pk]))
    assert page.context["page"].paginator.count == 5
    assert (
        client.get(reverse("renewal:crosscheck_run", args=[run.pk]), {"status": ""}).context["page"].paginator.count
        == 6
    )


def test_the_admin_filters_a_runs_tasks_by_category_and_status(client, renewal):
    run = stored_run(renewal)
    login(client, "jy_admin")
    url = reverse("renewal:crosscheck_run", args=[run.pk])
    assert client.get(url).context["page"].paginator.count == 6
    only = client.get(url, {"category": "台账未登记"}).context["page"]
    assert [t.category for t in only] == ["台账未登记"]
    assert client.get(url, {"status": "resolved"}).context["page"].paginator.count == 0


def test_a_runs_task_list_is_paginated_without_n_plus_1(client, renewal, django_assert_max_num_queries):
    run = stored_run(renewal, extra_rows=60)
    login(client, "jy_admin")
    url = reverse("renewal:crosscheck_run", args=[run.pk])
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert len(response.context["page"]) == 20 and response.context["page"].paginator.count == 66
    assert len(client.get(url, {"page": 4}).context["page"]) == 6
    with django_assert_max_num_queries(15):
        client.get(reverse("renewal:crosscheck", args=[renewal.project.pk]))


def test_a_community_worker_sees_only_their_communitys_tasks(client, renewal):
    run = stored_run(renewal)
    login(client, "jy_worker")
    page = client.get(reverse("renewal:crosscheck_run", args=[run.pk])).context["page"]
    assert {t.community.name for t in page} == {"城里居"}
    other = CrosscheckTask.objects.get(run=run, category="冻结后迁入")  # 东关居
    assert client.get(reverse("renewal:crosscheck_task", args=[other.pk])).status_code == 404


def test_the_details_workbook_downloads(client, renewal):
    run = stored_run(renewal)
    login(client, "jy_pop")
    response = client.get(reverse("renewal:crosscheck_details", args=[run.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == 8  # the header, six discrepancies and the match by 繁简字 with its note
    notes = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "一致"]
    assert notes == ["公安：張 三，台账：张三（張/张 为繁简字）"]


def test_a_task_shows_both_sides_and_is_resolved_then_the_next_opens(client, renewal):
    run = stored_run(renewal)
    task = CrosscheckTask.objects.get(run=run, category="姓名不符")
    login(client, "jy_pop")
    url = reverse("renewal:crosscheck_task", args=[task.pk])
    page = client.get(url).content.decode()
    assert "张小明" in page and "张晓明" in page and "JY101" in page and "登记处理情况" in page
    response = client.post(url, {"resolution": "  "})
    assert response.status_code == 200 and not CrosscheckTask.objects.get(pk=task.pk).resolution
    response = client.post(url, {"resolution": "户口簿为张晓明，台账已更正"})
    assert response.status_code == 302 and response.url.startswith("/renewal/crosscheck-tasks/")
    assert response.url != url
    task.refresh_from_db()
    assert task.status == "resolved" and task.resolved_by.username == "jy_pop"
    assert "户口簿为张晓明" in client.get(url).content.decode()


def test_a_later_run_shows_how_the_same_id_was_resolved_before(client, renewal):
    run = stored_run(renewal)
    task = CrosscheckTask.objects.get(run=run, category="姓名不符")
    crosschecks.task_resolve(actor=renewal.jy_population_worker, task=task, resolution="待户主提供户口簿")
    again = CrosscheckTask.objects.get(run=stored_run(renewal), category="姓名不符")
    login(client, "jy_pop")
    page = client.get(reverse("renewal:crosscheck_task", args=[again.pk])).content.decode()
    assert "此前比对中的同一身份证号" in page and "待户主提供户口簿" in page


def test_the_unit_admin_withdraws_the_latest_run_with_a_reason(client, renewal):
    first = stored_run(renewal)
    second = stored_run(renewal)
    login(client, "jy_admin")
    assert "撤回本次比对" not in client.get(reverse("renewal:crosscheck_run", args=[first.pk])).content.decode()
    assert "撤回本次比对" in client.get(reverse("renewal:crosscheck_run", args=[second.pk])).content.decode()
    url = reverse("renewal:crosscheck_withdraw", args=[second.pk])
    assert client.get(url).status_code == 200
    second.refresh_from_db()
    assert second.withdrawn_at is None  # GET writes nothing
    response = client.post(url, {"reason": "重复上传"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.withdraw_reason == "重复上传"
    assert CrosscheckTask.objects.filter(run=first, status="open").count() == 6
    page = client.get(reverse("renewal:crosscheck_run", args=[second.pk])).content.decode()
    assert "已撤回" in page and "重复上传" in page
    index = client.get(reverse("renewal:crosscheck", args=[renewal.project.pk])).content.decode()
    assert f"{reverse('renewal:crosscheck_run', args=[first.pk])}?category=" in index  # the latest again


def test_an_earlier_run_is_refused_with_the_reason(client, renewal):
    first = stored_run(renewal)
    stored_run(renewal)
    login(client, "jy_admin")
    response = client.post(reverse("renewal:crosscheck_withdraw", args=[first.pk]), {"reason": "错"})
    assert "只能撤回最近一次比对" in response.content.decode()
    first.refresh_from_db()
    assert first.withdrawn_at is None


def test_a_helper_cannot_withdraw(client, renewal):
    run = stored_run(renewal)
    login(client, "jy_pop")
    client.post(reverse("renewal:crosscheck_withdraw", args=[run.pk]), {"reason": "错"})
    run.refresh_from_db()
    assert run.withdrawn_at is None


def one_household(renewal):
    return [row for row in police_world(renewal) if row[2] == "H001"]


def test_the_preview_shows_coverage_counts_and_superseded_tasks_and_writes_nothing(client, renewal):
    first = stored_run(renewal)
    login(client, "jy_admin")
    page = upload(client, renewal, csv_bytes(police_world(renewal), POLICE_COLUMNS)).content.decode()
    assert "城里居" in page and "2/2" not in page and "85.7%" in page and "88.9%" in page
    assert 'id="preview-supersedes">6<' in page and 'data-category="公安无此人">公安无此人 1<' in page
    assert 'id="coverage-warning"' not in page and "我已核对" not in page
    assert list(CrosscheckRun.objects.all()) == [first] and len(pending_files()) == 1
    assert client.get(reverse("renewal:crosscheck", args=[renewal.project.pk])).status_code == 200
    assert list(CrosscheckRun.objects.all()) == [first]


def test_a_partial_file_warns_and_needs_the_box_ticked(client, renewal):
    stored_run(renewal)
    login(client, "jy_admin")
    page = upload(client, renewal, csv_bytes(one_household(renewal), POLICE_COLUMNS)).content.decode()
    assert 'id="coverage-warning"' in page and "我已核对：该文件只覆盖部分村居，仍要比对" in page
    assert "33.3%" in page
    refused = confirm(client, renewal)  # the box unticked: the server refuses too
    assert refused.status_code == 200 and "需确认后才能比对" in refused.content.decode()
    assert CrosscheckRun.objects.count() == 1 and len(pending_files()) == 1
    done = confirm(client, renewal, confirm_partial="on")
    assert done.status_code == 302 and CrosscheckRun.objects.count() == 2
    assert pending_files() == []


def test_cancel_deletes_the_kept_file(client, renewal):
    login(client, "jy_admin")
    upload(client, renewal, csv_bytes(police_world(renewal), POLICE_COLUMNS))
    token = client.session["renewal_crosscheck_pending"][str(renewal.project.pk)][0]
    response = client.post(
        reverse("renewal:crosscheck", args=[renewal.project.pk]), {"token": token, "action": "cancel"}
    )
    assert response.status_code == 302 and pending_files() == [] and not CrosscheckRun.objects.exists()


def test_another_user_cannot_confirm_a_kept_file(client, renewal):
    login(client, "jy_admin")
    upload(client, renewal, csv_bytes(police_world(renewal), POLICE_COLUMNS))
    token = client.session["renewal_crosscheck_pending"][str(renewal.project.pk)][0]
    with pytest.raises(ValidationError):
        crosschecks.pending_open(user=renewal.jy_population_worker, project=renewal.project, token=token)
    client.logout()
    login(client, "jy_admin")  # a new session does not hold the token either
    response = client.post(
        reverse("renewal:crosscheck", args=[renewal.project.pk]), {"token": token, "action": "confirm"}
    )
    assert response.status_code == 200 and "预览已失效" in response.content.decode()
    assert not CrosscheckRun.objects.exists()


def test_the_preview_lists_the_names_matched_by_variants(client, renewal):
    login(client, "jy_admin")
    rows = police_world(renewal)
    page = upload(client, renewal, csv_bytes(rows, POLICE_COLUMNS)).content.decode()
    assert 'id="preview-variants"' in page and "按异体字或繁简字认定一致：1 人" in page
    assert "公安：張 三，台账：张三（張/张 为繁简字）" in page

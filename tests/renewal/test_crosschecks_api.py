"""/api/renewal/ cross-check routes: runs with their counts, a run's tasks, resolving a task; scoped."""

from __future__ import annotations

from taizhang.renewal.models import CrosscheckTask
from tests.conftest import PASSWORD
from tests.renewal.test_crosschecks_views import stored_run


def test_runs_and_their_counts(client, renewal):
    run = stored_run(renewal)
    client.login(username="jy_pop", password=PASSWORD)
    runs = client.get(f"/api/renewal/projects/{renewal.project.pk}/crosschecks").json()
    assert [r["id"] for r in runs] == [run.pk] and runs[0]["run_by"] == "系统（命令行）"
    detail = client.get(f"/api/renewal/crosschecks/{run.pk}").json()
    assert detail["counts"] == {
        "一致": 3,
        "公安无此人": 1,
        "台账未登记": 1,
        "姓名不符": 1,
        "冻结后迁入": 1,
        "死亡或注销": 1,
        "重复登记": 1,
    }


def test_tasks_filtered_and_scoped(client, renewal):
    run = stored_run(renewal)
    client.login(username="jy_pop", password=PASSWORD)
    page = client.get(f"/api/renewal/crosschecks/{run.pk}/tasks", {"category": "台账未登记"}).json()
    assert page["count"] == 1 and page["items"][0]["police_address"] == "东关居幸福街09号"
    assert page["items"][0]["entry_id"] is None
    assert client.get(f"/api/renewal/crosschecks/{run.pk}/tasks", {"status": "open"}).json()["count"] == 6
    client.logout()
    client.login(username="jy_worker", password=PASSWORD)  # 城里居
    items = client.get(f"/api/renewal/crosschecks/{run.pk}/tasks").json()["items"]
    assert {t["community"] for t in items} == {"城里居"}


def test_resolving_a_task(client, renewal):
    run = stored_run(renewal)
    task = CrosscheckTask.objects.get(run=run, category="死亡或注销")
    client.login(username="jy_pop", password=PASSWORD)
    url = f"/api/renewal/crosscheck-tasks/{task.pk}/resolve"
    refused = client.post(url, {"resolution": ""}, content_type="application/json")
    assert refused.status_code == 400 and "写明" in refused.json()["detail"]
    done = client.post(url, {"resolution": "已死亡，不予认定"}, content_type="application/json").json()
    assert done["status"] == "resolved" and done["resolved_by"] == "郑界定"
    assert client.post(url, {"resolution": "再来"}, content_type="application/json").status_code == 400
    assert client.get(f"/api/renewal/crosscheck-tasks/{task.pk}").json()["resolution"] == "已死亡，不予认定"


def test_another_unit_gets_404(client, renewal):
    run = stored_run(renewal)
    task = CrosscheckTask.objects.filter(run=run).first()
    client.login(username="xs_admin", password=PASSWORD)
    assert client.get(f"/api/renewal/crosschecks/{run.pk}").status_code == 404
    assert client.get(f"/api/renewal/projects/{renewal.project.pk}/crosschecks").status_code == 404
    assert (
        client.post(
            f"/api/renewal/crosscheck-tasks/{task.pk}/resolve", {"resolution": "x"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_withdrawing_the_latest_run(client, renewal):
    first = stored_run(renewal)
    second = stored_run(renewal)
    client.login(username="jy_pop", password=PASSWORD)
    url = f"/api/renewal/crosschecks/{second.pk}/withdraw"
    assert client.post(url, {"reason": "错"}, content_type="application/json").status_code == 403
    client.logout()
    client.login(username="jy_admin", password=PASSWORD)
    refused = client.post(
        f"/api/renewal/crosschecks/{first.pk}/withdraw", {"reason": "错"}, content_type="application/json"
    )
    assert refused.status_code == 400 and "只能撤回最近一次比对" in refused.json()["detail"]
    assert client.post(url, {"reason": ""}, content_type="application/json").status_code == 400
    done = client.post(url, {"reason": "重复上传"}, content_type="application/json").json()
    assert done["withdrawn_at"] and done["withdraw_reason"] == "重复上传"
    assert CrosscheckTask.objects.filter(run=first, status="open").count() == 6
    client.logout()
    client.login(username="xs_admin", password=PASSWORD)
    assert client.post(url, {"reason": "x"}, content_type="application/json").status_code == 404

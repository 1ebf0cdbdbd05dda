"""The problem ledger's pages: a helper records and reports, the office hands over and resolves, the helper verifies."""

import io
from datetime import timedelta

from django.utils import timezone
from openpyxl import load_workbook

from taizhang.assistance.models import Department, Problem, ProblemPhoto
from tests.assistance.conftest import household, visit
from tests.assistance.test_views import jpeg


def test_from_a_visit_to_verification_through_the_pages(client, assisted):
    on_visit = visit(assisted.xs_worker, "XS001", timezone.localdate() - timedelta(days=4), "09:00", 40)
    client.force_login(assisted.xs_worker)
    assert "登记发现的问题" in client.get(f"/assistance/visits/{on_visit.pk}/").content.decode()
    response = client.post(
        f"/assistance/problems/new/?visit={on_visit.pk}",
        {"category": "饮水", "description": "自来水管冻裂", "report": "on", "photos": [jpeg()]},
    )
    problem = Problem.objects.get()
    assert response.status_code == 302 and problem.stage == "reported" and problem.visit == on_visit
    assert ProblemPhoto.objects.count() == 1
    assert client.post(f"/assistance/problems/{problem.pk}/", {"action": "assign", "department": 1}).status_code == 200
    problem.refresh_from_db()
    assert problem.stage == "reported"  # a helper cannot hand over

    client.force_login(assisted.xs_admin)
    page = client.get(f"/assistance/problems/{problem.pk}/").content.decode()
    assert "交办" in page and "镇扶贫办" in page
    water = Department.objects.get(unit=assisted.xinshi, name="镇建委")
    client.post(f"/assistance/problems/{problem.pk}/", {"action": "assign", "department": water.pk})
    client.post(f"/assistance/problems/{problem.pk}/", {"action": "resolve", "resolution": "已更换水管"})
    problem.refresh_from_db()
    assert (problem.stage, problem.department, problem.due_date) == (
        "resolved",
        water,
        timezone.localdate() + timedelta(days=7),
    )

    Problem.objects.filter(pk=problem.pk).update(resolved_at=timezone.now() - timedelta(days=2))
    later = visit(assisted.xs_worker, "XS001", timezone.localdate() - timedelta(days=1), "10:00", 35)
    client.force_login(assisted.xs_worker)
    client.post(f"/assistance/problems/{problem.pk}/", {"action": "verify", "visit": later.pk, "note": "已通水"})
    problem.refresh_from_db()
    assert problem.stage == "verified" and problem.verify_visit == later
    household_page = client.get(f"/assistance/households/{household('XS001').pk}/").content.decode()
    assert "自来水管冻裂" in household_page and "已核实" in household_page


def test_the_ledger_filters_downloads_and_figures(client, assisted):
    on_visit = visit(assisted.xs_worker, "XS001", timezone.localdate() - timedelta(days=2), "09:00", 40)
    client.force_login(assisted.xs_worker)
    client.post(
        f"/assistance/problems/new/?visit={on_visit.pk}",
        {"category": "住房安全", "description": "墙体开裂", "report": "on"},
    )
    client.post(
        f"/assistance/problems/new/?assisted={household('XS001').pk}",
        {"category": "教育", "description": "孩子辍学风险"},
    )
    client.force_login(assisted.xs_admin)
    assert "墙体开裂" in client.get("/assistance/problems/", {"category": "住房安全"}).content.decode()
    assert "墙体开裂" not in client.get("/assistance/problems/", {"category": "教育"}).content.decode()
    workbook = load_workbook(io.BytesIO(client.get("/assistance/problems/", {"format": "xlsx"}).content))
    rows = [[c.value for c in row] for row in workbook.active.iter_rows()]
    assert rows[0][:5] == ["户编号", "户主", "村居", "类别", "问题描述"] and len(rows) == 3
    figures = client.get("/assistance/problems/figures/").content.decode()
    assert "及时发现、及时上报、及时解决" in figures and "新市村" in figures
    settings_page = client.post("/assistance/problems/settings/", {"action": "department", "name": "镇民政办"})
    assert settings_page.status_code == 302 and Department.objects.filter(name="镇民政办").exists()


def test_another_units_household_cannot_get_a_problem(client, assisted):
    client.force_login(assisted.jy_admin)
    assert client.get(f"/assistance/problems/new/?assisted={household('XS001').pk}").status_code == 404
    assert client.get("/assistance/problems/new/").status_code == 404
    client.force_login(assisted.xs_worker)
    assert client.get("/assistance/problems/settings/").status_code == 403

"""Staff accounts: a unit admin manages their own unit's people, every change audited; bulk import is whole or nothing."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.audit.models import AuditEntry
from taizhang.org.models import Role, User
from taizhang.staff.services import staff_create, staff_update
from tests.conftest import PASSWORD, xlsx_bytes

NEW_PASSWORD = "Xinmima@2026"
STAFF_HEADER = ["姓名", "用户名", "角色", "村居或工作组", "手机号"]


def as_admin(client, username="xs_admin"):
    assert client.login(username=username, password=PASSWORD)
    return client


def new_staff(world, **overrides):
    data = {
        "full_name": "陈新人",
        "username": "chen_new",
        "role": Role.FIELD_WORKER,
        "node": world.xinshi_village.pk,
        "phone": "13912345678",
        "password": NEW_PASSWORD,
    }
    return data | overrides


def audited(user, action):
    return AuditEntry.objects.filter(object_type="org.user", object_id=str(user.pk), action=action)


# --- pages ----------------------------------------------------------------------------------


def test_a_unit_admin_creates_staff_in_their_unit_with_a_hashed_password(client, world):
    response = as_admin(client).post("/org/staff/new/", new_staff(world))
    assert response.status_code == 302 and response.url == "/org/staff/"
    user = User.objects.get(username="chen_new")
    assert (user.full_name, user.role, user.node, user.unit, user.phone) == (
        "陈新人",
        Role.FIELD_WORKER,
        world.xinshi_village,
        world.xinshi,
        "13912345678",
    )
    assert user.password != NEW_PASSWORD and NEW_PASSWORD not in user.password
    assert user.check_password(NEW_PASSWORD)
    entry = audited(user, AuditEntry.Action.CREATE).get()
    assert entry.actor == world.xs_admin and entry.unit_id == world.xinshi.pk


def test_the_new_account_can_log_in(client, world):
    as_admin(client).post("/org/staff/new/", new_staff(world))
    client.logout()
    assert client.login(username="chen_new", password=NEW_PASSWORD)


@pytest.mark.parametrize("node", ["chengli", "jiyang", "district"])
def test_a_unit_admin_cannot_create_staff_in_another_unit_or_above_their_own(client, world, node):
    response = as_admin(client).post("/org/staff/new/", new_staff(world, node=getattr(world, node).pk))
    assert response.status_code == 200
    assert "node" in response.context["form"].errors
    assert not User.objects.filter(username="chen_new").exists()


@pytest.mark.parametrize("node", ["chengli", "jiyang", "district"])
def test_the_service_refuses_staff_outside_the_admins_unit(world, node):
    with pytest.raises(PermissionDenied):
        staff_create(
            actor=world.xs_admin,
            node=getattr(world, node),
            username="chen_new",
            full_name="陈新人",
            role=Role.FIELD_WORKER,
            password=NEW_PASSWORD,
        )
    assert not User.objects.filter(username="chen_new").exists()


def test_a_weak_initial_password_is_refused(client, world):
    response = as_admin(client).post("/org/staff/new/", new_staff(world, password="12345678"))
    assert response.status_code == 200 and response.context["form"].errors
    assert not User.objects.filter(username="chen_new").exists()


def test_deactivating_staff_stops_their_login_and_reactivating_restores_it(client, world):
    as_admin(client)
    worker = world.xs_worker
    assert client.post(f"/org/staff/{worker.pk}/toggle/").status_code == 302
    worker.refresh_from_db()
    assert not worker.is_active
    assert audited(worker, AuditEntry.Action.DEACTIVATE).get().actor == world.xs_admin

    other = client.__class__()
    assert not other.login(username="xs_worker", password=PASSWORD)
    response = other.post("/login/", {"username": "xs_worker", "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in other.session

    client.post(f"/org/staff/{worker.pk}/toggle/")
    worker.refresh_from_db()
    assert worker.is_active
    assert audited(worker, AuditEntry.Action.ACTIVATE).get().actor == world.xs_admin
    assert other.login(username="xs_worker", password=PASSWORD)


def test_a_deactivated_user_is_logged_out_of_an_open_session(client, world):
    worker_client = client.__class__()
    worker_client.login(username="xs_worker", password=PASSWORD)
    as_admin(client).post(f"/org/staff/{world.xs_worker.pk}/toggle/")
    response = worker_client.get("/registry/households/")
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_an_admin_cannot_deactivate_themselves(client, world):
    as_admin(client).post(f"/org/staff/{world.xs_admin.pk}/toggle/")
    world.xs_admin.refresh_from_db()
    assert world.xs_admin.is_active
    assert not audited(world.xs_admin, AuditEntry.Action.DEACTIVATE).exists()


def test_resetting_a_password(client, world):
    response = as_admin(client).post(f"/org/staff/{world.xs_worker.pk}/password/", {"password": NEW_PASSWORD})
    assert response.status_code == 302
    world.xs_worker.refresh_from_db()
    assert world.xs_worker.check_password(NEW_PASSWORD) and not world.xs_worker.check_password(PASSWORD)
    assert NEW_PASSWORD not in world.xs_worker.password
    assert audited(world.xs_worker, AuditEntry.Action.PASSWORD_RESET).get().actor == world.xs_admin
    client.logout()
    assert client.login(username="xs_worker", password=NEW_PASSWORD)


def edit(client, world, user, node):
    return client.post(
        f"/org/staff/{user.pk}/edit/",
        {"full_name": user.full_name, "role": user.role, "node": node.pk, "phone": user.phone},
    )


def test_moving_staff_between_work_groups_inside_the_unit(client, world):
    response = edit(as_admin(client), world, world.xs_worker, world.wenshao)
    assert response.status_code == 302
    world.xs_worker.refresh_from_db()
    assert (world.xs_worker.node, world.xs_worker.unit) == (world.wenshao, world.xinshi)
    entry = audited(world.xs_worker, AuditEntry.Action.MOVE).get()
    assert entry.actor == world.xs_admin
    assert entry.changes["所属节点"] == ["新市镇 / 新市村 / 新市村帮扶组", "新市镇 / 闻韶村"]


def test_staff_cannot_be_moved_to_another_units_node(client, world):
    response = edit(as_admin(client), world, world.xs_worker, world.chengli)
    assert response.status_code == 200 and "node" in response.context["form"].errors
    world.xs_worker.refresh_from_db()
    assert world.xs_worker.node == world.xinshi_group
    assert not audited(world.xs_worker, AuditEntry.Action.MOVE).exists()
    with pytest.raises((PermissionDenied, ValidationError)):
        staff_update(actor=world.xs_admin, user=world.xs_worker, node=world.chengli)
    world.xs_worker.refresh_from_db()
    assert world.xs_worker.unit == world.xinshi


def test_another_units_admin_gets_404_on_our_staff(client, world):
    as_admin(client, "jy_admin")
    worker = world.xs_worker
    for url in (f"/org/staff/{worker.pk}/edit/", f"/org/staff/{worker.pk}/password/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/org/staff/{worker.pk}/toggle/").status_code == 404
    assert client.post(f"/org/staff/{worker.pk}/password/", {"password": NEW_PASSWORD}).status_code == 404
    worker.refresh_from_db()
    assert worker.is_active and worker.check_password(PASSWORD)
    assert "张帮扶" not in client.get("/org/staff/").content.decode()


@pytest.mark.parametrize("username", ["xs_worker", "xs_group"])
def test_field_workers_and_group_leaders_get_403_on_the_staff_pages(client, world, username):
    as_admin(client, username)
    target = world.wenshao_worker.pk
    for url in (
        "/org/staff/",
        "/org/staff/new/",
        f"/org/staff/{target}/edit/",
        f"/org/staff/{target}/password/",
    ):
        assert client.get(url).status_code in (403, 404), url
    assert client.post(f"/org/staff/{target}/toggle/").status_code in (403, 404)
    assert client.post("/org/staff/new/", new_staff(world)).status_code in (403, 404)
    assert not User.objects.filter(username="chen_new").exists()
    assert User.objects.get(pk=target).is_active


# --- taizhang import-staff ------------------------------------------------------------------

GOOD_ROWS = [
    ["陈一", "chen1", "工作人员", "新市村", "13911110001"],
    ["陈二", "chen2", "帮扶责任人", "新市村帮扶组", "13911110002"],
    ["陈三", "chen3", "工作组长", "闻韶村", ""],
    ["陈四", "chen4", "单位管理员", "", "0531-88123456"],
]


def import_staff(tmp_path, rows, header=STAFF_HEADER, unit="新市镇"):
    path = tmp_path / "staff.xlsx"
    path.write_bytes(xlsx_bytes(rows, header=header))
    out = StringIO()
    try:
        call_command("import-staff", str(path), "--unit", unit, stdout=out)
    except SystemExit as exc:
        return exc.code, out.getvalue()
    return 0, out.getvalue()


def test_a_good_file_creates_every_account(world, tmp_path):
    code, out = import_staff(tmp_path, GOOD_ROWS)
    assert code == 0
    assert "已新建 4 个账号" in out and "导入批次: " in out
    made = {u.username: u for u in User.objects.filter(username__startswith="chen")}
    assert sorted(made) == ["chen1", "chen2", "chen3", "chen4"]
    assert (made["chen1"].role, made["chen1"].node, made["chen1"].phone) == (
        Role.FIELD_WORKER,
        world.xinshi_village,
        "13911110001",
    )
    assert (made["chen2"].role, made["chen2"].node) == (Role.FIELD_WORKER, world.xinshi_group)
    assert (made["chen3"].role, made["chen3"].node) == (Role.GROUP_LEADER, world.wenshao)
    assert (made["chen4"].role, made["chen4"].node, made["chen4"].phone) == (
        Role.UNIT_ADMIN,
        world.xinshi,
        "0531-88123456",
    )
    assert all(u.unit == world.xinshi for u in made.values())
    for line in [line for line in out.splitlines() if "\t" in line]:
        username, password = line.split("\t")
        assert made[username].check_password(password) and password not in made[username].password
    assert (
        AuditEntry.objects.filter(
            object_type="org.user", action=AuditEntry.Action.CREATE, object_id__in=[str(u.pk) for u in made.values()]
        ).count()
        == 4
    )


@pytest.mark.parametrize(
    "column, value, reason",
    [
        (2, "村支书", "角色应为"),
        (2, "区级领导", "角色应为"),
        (3, "不存在村", "在新市镇中没有这个村居或工作组"),
        (3, "城里居", "在新市镇中没有这个村居或工作组"),
        (1, "xs_worker", "用户名已被占用"),
        (1, "chen1", "与第2行的用户名重复"),
        (1, "陈三", "用户名只能用英文字母"),
        (4, "12345", "联系电话格式不对"),
    ],
)
def test_one_bad_row_creates_nothing_and_names_the_row_and_reason(world, tmp_path, column, value, reason):
    rows = [list(row) for row in GOOD_ROWS]
    rows[2][column] = value  # the fourth line of the sheet
    users = User.objects.count()
    code, out = import_staff(tmp_path, rows)
    assert code == 1
    assert "第4行" in out and reason in out
    assert "没有写入任何数据" in out
    assert User.objects.count() == users


def test_wrong_headers_name_the_missing_columns(world, tmp_path):
    code, out = import_staff(
        tmp_path, [["陈一", "chen1", "工作人员"]], header=["姓名", "账号", "岗位", "村居或工作组", "手机号"]
    )
    assert code == 1
    assert "缺少必填列" in out and "用户名" in out and "角色" in out
    assert "姓名、" not in out
    assert not User.objects.filter(username="chen1").exists()


def test_an_unknown_unit_is_a_command_error(world, tmp_path):
    with pytest.raises(CommandError, match="没有名为“不存在镇”的单位"):
        import_staff(tmp_path, GOOD_ROWS, unit="不存在镇")


def test_an_overlong_name_is_reported_as_a_row_error(world, tmp_path):
    rows = [list(row) for row in GOOD_ROWS]
    rows[2][0] = "长" * 70
    code, out = import_staff(tmp_path, rows)
    assert code == 1 and "第4行" in out and "姓名" in out
    assert not User.objects.filter(username__startswith="chen").exists()

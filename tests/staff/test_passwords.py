"""Passwords: the validators on every password set, generated ones that pass them, one's own change page, and the
change forced at first login on accounts whose password an admin chose or the import generated."""

from io import StringIO

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from hypothesis import given, settings
from hypothesis import strategies as st

from taizhang.audit.models import AuditEntry
from taizhang.hub import demo
from taizhang.org.models import Role, User
from taizhang.staff.passwords import ALPHABET, GENERATED_LENGTH, generate_password
from tests.conftest import PASSWORD, xlsx_bytes

NEW = "Xinmima@2026"
MINE = "Wode-mima-2026"


def change(client, old=NEW, new=MINE, again=None, **extra):
    data = {"old_password": old, "new_password1": new, "new_password2": again or new} | extra
    return client.post("/account/password/", data)


def admin_creates(client, world, password=NEW, username="chen_new"):
    assert client.login(username="xs_admin", password=PASSWORD)
    data = {
        "full_name": "陈新人",
        "username": username,
        "role": Role.FIELD_WORKER,
        "node": world.xinshi_village.pk,
        "phone": "13912345678",
        "password": password,
    }
    response = client.post("/org/staff/new/", data)
    client.logout()
    return response


# --- the validators -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "password, reason",
    [
        ("Abc@12345", "至少要 10 个字符"),  # 9 characters
        ("1234567890123", "只包含数字"),
        ("password123", "太常见"),
        ("zhangbangfu", "相似"),  # the user name
        ("zhangbangfu1", "相似"),
        ("13912345678a", "相似"),  # the phone
    ],
)
def test_weak_passwords_are_refused_with_a_chinese_reason(password, reason):
    user = User(username="zhangbangfu", full_name="张帮扶", phone="13912345678")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert any(reason in message for message in refused.value.messages), refused.value.messages


@pytest.mark.parametrize("password", [PASSWORD, demo.PASSWORD, NEW, MINE])
def test_the_demo_and_test_passwords_pass_the_validators(password):
    for username in ("xs_worker", "leader", "jy_admin"):
        validate_password(password, User(username=username, full_name="测试", phone="13900000000"))


@settings(max_examples=60, deadline=None)
@given(
    username=st.text(alphabet="abcdefghijkmnpqrstuvwxyz23456789_", min_size=1, max_size=20),
    phone=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
)
def test_a_generated_password_passes_the_validators_for_any_account(username, phone):
    user = User(username=username, full_name="陈一", phone=phone)
    password = generate_password(user)
    assert len(password) == GENERATED_LENGTH and set(password) <= set(ALPHABET)
    assert any(ch.isdigit() for ch in password) and any(ch.isalpha() for ch in password)
    validate_password(password, user)


def test_generated_passwords_differ():
    assert len({generate_password() for _ in range(200)}) == 200


def test_an_admin_cannot_set_a_short_initial_password(client, world):
    response = admin_creates(client, world, password="Abc@12345")
    assert not User.objects.filter(username="chen_new").exists()
    assert client.login(username="xs_admin", password=PASSWORD)
    response = client.post(
        "/org/staff/new/",
        {"full_name": "陈新人", "username": "chen_new", "role": Role.FIELD_WORKER, "node": world.xinshi_village.pk},
    )
    assert "至少 10 位" in response.content.decode()  # the rule is told before the first try


def test_an_admin_cannot_reset_to_a_password_like_the_user_name(client, world):
    assert client.login(username="xs_admin", password=PASSWORD)
    response = client.post(f"/org/staff/{world.xs_worker.pk}/password/", {"password": "xs_worker1"})
    assert response.status_code == 200 and "相似" in response.content.decode()
    world.xs_worker.refresh_from_db()
    assert world.xs_worker.check_password(PASSWORD)


# --- forced at first login -------------------------------------------------------------------


def test_an_account_an_admin_created_must_change_its_password_before_anything_else(client, world):
    assert admin_creates(client, world).status_code == 302
    assert User.objects.get(username="chen_new").must_change_password
    assert client.login(username="chen_new", password=NEW)
    response = client.get("/registry/households/?q=zs")
    assert response.status_code == 302
    assert response.url == "/account/password/?next=%2Fregistry%2Fhouseholds%2F%3Fq%3Dzs"
    assert client.get("/").url == "/account/password/"
    page = client.get(response.url).content.decode()
    assert "管理员为您设置的初始密码" in page and "取消" not in page
    assert client.get("/api/me").status_code == 403
    assert client.get("/hub/badges/", HTTP_HX_REQUEST="true").status_code == 204  # the menu's badges stay empty
    assert client.post("/logout/").status_code == 302


def test_after_changing_it_the_account_works_and_the_change_is_audited(client, world):
    admin_creates(client, world)
    assert client.login(username="chen_new", password=NEW)
    response = change(client, next="/registry/households/")
    assert response.status_code == 302 and response.url == "/registry/households/"
    user = User.objects.get(username="chen_new")
    assert not user.must_change_password and user.check_password(MINE)
    assert client.get("/registry/households/").status_code == 200  # still signed in
    assert client.get("/api/me").json()["username"] == "chen_new"
    entry = AuditEntry.objects.filter(object_id=str(user.pk), reason="本人修改初始密码").get()
    assert entry.actor == user and entry.changes == {"密码": ["（不显示）", "（本人已修改）"]}


def test_the_initial_password_cannot_be_kept(client, world):
    admin_creates(client, world)
    client.login(username="chen_new", password=NEW)
    response = change(client, new=NEW)
    assert response.status_code == 200 and "新密码不能与原密码相同" in response.content.decode()
    assert User.objects.get(username="chen_new").must_change_password


def test_the_new_password_passes_the_validators_and_is_typed_twice(client, world):
    admin_creates(client, world)
    client.login(username="chen_new", password=NEW)
    assert "只包含数字" in change(client, new="20262026202").content.decode()
    assert "两次输入的新密码不一致" in change(client, again="Wode-mima-2027").content.decode()
    assert "原密码不正确" in change(client, old="Cuowu@2026pw").content.decode()
    assert User.objects.get(username="chen_new").must_change_password


def test_an_open_redirect_is_not_followed_after_the_change(client, world):
    admin_creates(client, world)
    client.login(username="chen_new", password=NEW)
    assert change(client, next="https://evil.example/").url == "/"


def test_imported_accounts_must_change_their_password_on_the_page_and_by_the_command(client, world, tmp_path, login):
    path = tmp_path / "staff.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [["陈一", "chen1", "工作人员", "新市村", "13911110001"]],
            header=["姓名", "用户名", "角色", "村居或工作组", "手机号"],
        )
    )
    out = StringIO()
    call_command("import-staff", str(path), "--unit", "新市镇", stdout=out)
    username, password = next(line for line in out.getvalue().splitlines() if "\t" in line).split("\t")
    user = User.objects.get(username=username)
    assert user.must_change_password
    validate_password(password, user)
    client.login(username="chen1", password=password)
    assert client.get("/registry/households/").status_code == 302


def test_a_password_reset_by_the_admin_must_be_changed_at_next_login(client, world):
    assert client.login(username="xs_admin", password=PASSWORD)
    client.post(f"/org/staff/{world.xs_worker.pk}/password/", {"password": NEW})
    world.xs_worker.refresh_from_db()
    assert world.xs_worker.must_change_password


def test_the_seeded_accounts_are_not_forced(client, world):
    assert not User.objects.filter(must_change_password=True).exists()
    assert client.login(username="xs_worker", password=PASSWORD)
    assert client.get("/registry/households/").status_code == 200


# --- changing one's own password ----------------------------------------------------------------


def test_the_user_menu_links_to_the_change_page(client, world, login):
    assert 'href="/account/password/"' in login("xs_worker").get("/").content.decode()


def test_changing_ones_password_signs_out_the_other_sessions(client, world, login):
    other = client.__class__()
    assert other.login(username="xs_worker", password=PASSWORD)
    login("xs_worker")
    response = change(client, old=PASSWORD)
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/org/").status_code == 200
    assert other.get("/org/").status_code == 302
    assert not AuditEntry.objects.filter(reason="本人修改初始密码").exists()
    assert AuditEntry.objects.filter(reason="本人修改密码", object_id=str(world.xs_worker.pk)).exists()

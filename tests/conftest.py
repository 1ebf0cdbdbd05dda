"""The base case: 济阳区 with two sibling units and named people in each."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import settings as hypothesis_settings

from taizhang.org.models import OrgNode, Role, User
from taizhang.staff.services import node_create, staff_create
from tests.concurrency import shared_db  # noqa: F401  (a fixture: threads on one database, tests/concurrency.py)

PASSWORD = "Ceshi@2026pw"

# No per-example deadline: CI runs two passes side by side on two cores, where a rule's example can take longer than
# Hypothesis's 200 ms without anything being wrong; the properties themselves are what the tests check.
hypothesis_settings.register_profile("taizhang", deadline=None)
hypothesis_settings.load_profile("taizhang")


@dataclass
class World:
    district: OrgNode
    xinshi: OrgNode  # 新市镇
    xinshi_village: OrgNode  # 新市村
    wenshao: OrgNode  # 闻韶村
    xinshi_group: OrgNode  # 新市村帮扶组
    jiyang: OrgNode  # 济阳街道
    chengli: OrgNode  # 城里居
    leader: User
    auditor: User
    xs_admin: User
    xs_group_leader: User
    xs_worker: User
    wenshao_worker: User
    jy_admin: User
    jy_worker: User


def make_world() -> World:
    district = node_create(actor=None, parent=None, kind=OrgNode.Kind.DISTRICT, name="济阳区")
    xinshi = node_create(actor=None, parent=district, kind=OrgNode.Kind.UNIT, name="新市镇", subtype="town")
    xinshi_village = node_create(
        actor=None, parent=xinshi, kind=OrgNode.Kind.COMMUNITY, name="新市村", subtype="village"
    )
    wenshao = node_create(actor=None, parent=xinshi, kind=OrgNode.Kind.COMMUNITY, name="闻韶村", subtype="village")
    xinshi_group = node_create(
        actor=None, parent=xinshi_village, kind=OrgNode.Kind.WORKGROUP, name="新市村帮扶组", subtype="group"
    )
    jiyang = node_create(actor=None, parent=district, kind=OrgNode.Kind.UNIT, name="济阳街道", subtype="street")
    chengli = node_create(actor=None, parent=jiyang, kind=OrgNode.Kind.COMMUNITY, name="城里居", subtype="urban")

    def user(username, node, role, name):
        return staff_create(actor=None, node=node, username=username, full_name=name, role=role, password=PASSWORD)

    enable_every_module(xinshi, jiyang)
    return World(
        district,
        xinshi,
        xinshi_village,
        wenshao,
        xinshi_group,
        jiyang,
        chengli,
        leader=user("leader", district, Role.DISTRICT_LEADER, "李区长"),
        auditor=user("auditor", district, Role.AUDITOR, "赵审计"),
        xs_admin=user("xs_admin", xinshi, Role.UNIT_ADMIN, "王主任"),
        xs_group_leader=user("xs_group", xinshi_group, Role.GROUP_LEADER, "刘组长"),
        xs_worker=user("xs_worker", xinshi_group, Role.FIELD_WORKER, "张帮扶"),
        wenshao_worker=user("ws_worker", wenshao, Role.FIELD_WORKER, "孙帮扶"),
        jy_admin=user("jy_admin", jiyang, Role.UNIT_ADMIN, "周主任"),
        jy_worker=user("jy_worker", chengli, Role.FIELD_WORKER, "吴工作"),
    )


def enable_every_module(*units: OrgNode) -> None:
    """The base case's units work with every installed module (tests of enabling switch them off)."""
    from taizhang.core.manifest import modules
    from taizhang.org.models import UnitModule

    UnitModule.objects.bulk_create([UnitModule(unit=unit, module=spec.key) for unit in units for spec in modules()])
    for spec in modules():
        for unit in units:
            if spec.on_enable:
                spec.load(spec.on_enable)(unit.pk)


def pdf_text(content: bytes) -> str:
    """A PDF's text as pdftotext lays it out (the test is skipped where poppler-utils is missing)."""
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is installed by scripts/setup --test")
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def world(db) -> World:
    return make_world()


def make_id(seq: int, birth: date = date(1970, 5, 17), area: str = "370125") -> str:
    from taizhang.registry.rules import compose_id_number

    return compose_id_number(area, birth, seq)


HEADER = ["户编号", "村居", "地址", "姓名", "身份证号", "与户主关系", "联系电话"]


def csv_bytes(rows, header=HEADER, encoding="utf-8") -> bytes:
    lines = [",".join(header)] + [",".join("" if v is None else str(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def xlsx_bytes(rows, header=HEADER) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def household_rows(no: str, village: str = "新市村", members: int = 3, first_seq: int = 1):
    relations = ["户主", "配偶", "子", "女", "孙子"]
    names = ["张三", "李梅", "张小明", "张小红", "张乐"]
    return [
        [
            no,
            village,
            f"{village}幸福街{no[-2:]}号",
            names[i],
            make_id(first_seq + i, date(1960 + i * 10, 3, 1 + i)),
            relations[i],
            "13812345678" if i == 0 else "",
        ]
        for i in range(members)
    ]


SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN_NAMES = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


def bulk_households(unit: OrgNode, village: str, count: int, prefix: str, *, people_from: int = 0) -> list[str]:
    """`count` one-person households <prefix>0001… in `village` (real-shaped names, addresses and ID numbers),
    imported the real way; their 户编号. A second batch gives `people_from` past the first's count: other persons."""
    from datetime import timedelta

    from taizhang.registry.importing import household_import

    numbers = [f"{prefix}{i:04d}" for i in range(1, count + 1)]
    rows = [
        [
            no,
            village,
            f"{village}长街{i}号",
            SURNAMES[i % 10] + GIVEN_NAMES[(i // 10) % 20],
            make_id((people_from + i) % 1000, date(1950, 1, 1) + timedelta(days=people_from + i)),
            "户主",
            "",
        ]
        for i, no in enumerate(numbers, start=1)
    ]
    report = household_import(unit=unit, data=csv_bytes(rows), filename="bulk.csv")
    assert report.ok and report.applied, report.errors[:3]
    return numbers


@pytest.fixture
def seeded(world):
    """Two households in 新市镇 (新市村, 闻韶村) and one in 济阳街道 (城里居), imported the real way."""
    from taizhang.registry.importing import household_import

    rows = household_rows("XS001", "新市村", 3, 10) + household_rows("XS002", "闻韶村", 2, 20)
    report = household_import(unit=world.xinshi, data=csv_bytes(rows), filename="seed.csv")
    assert report.ok and report.applied, report.errors
    report = household_import(
        unit=world.jiyang, data=csv_bytes(household_rows("JY001", "城里居", 2, 30)), filename="seed.csv"
    )
    assert report.ok and report.applied, report.errors
    return world


@pytest.fixture
def clock():
    """The time stands still for the test, at the moment it starts until moved with `set()` or `advance()`."""
    from taizhang.core import clock

    with clock.frozen(clock.now()) as fixed:
        yield fixed


@pytest.fixture
def login(client):
    """``login(user or username)`` signs the test's client in with the base case's password and returns it."""

    def _login(user: User | str):
        username = user if isinstance(user, str) else user.username
        assert client.login(username=username, password=PASSWORD), f"{username} cannot log in"
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The default PBKDF2 hasher is the production choice; tests hash dozens of passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded photos go to a per-test directory, never into var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session", autouse=True)
def _audit_keys_in_tmp(tmp_path_factory):
    # One audit key file for the run (a module's committed demo and its tests sign and verify with the same keys),
    # never var/'s.
    from django.conf import settings

    settings.AUDIT_KEY_FILE = tmp_path_factory.mktemp("audit") / "audit_keys.json"


@pytest.fixture(autouse=True)
def _audit_heads_in_tmp(settings, tmp_path):
    # Each test publishes its own chain heads: another test's exports name entries this test never wrote.
    settings.AUDIT_HEAD_FILE = tmp_path / "audit_heads.jsonl"

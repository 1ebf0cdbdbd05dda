"""create-project and import-project-households from the command line."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.renewal.models import Project, ProjectHousehold
from tests.conftest import csv_bytes


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_project_builds_the_project_with_its_groups(seeded):
    out = run(
        "create-project",
        "老城区棚改",
        "--unit",
        "济阳街道",
        "--communities",
        "城里居",
        "--start",
        "2020-05-01",
        "--freeze",
        "2020-06-01",
    )
    assert "已建立征收项目“老城区棚改”（济阳街道，城里居；冻结日期 2020-06-01）" in out and "人口界定工作组" in out
    project = Project.objects.get(name="老城区棚改")
    assert project.unit == seeded.jiyang and list(project.communities.all()) == [seeded.chengli]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--communities", "城里居,西关居"], "济阳街道没有村居：西关居。现有村居：城里居"),
        (["--communities", "城里居", "--freeze", "2020-13-01"], "日期“2020-13-01”看不懂"),
        (["--communities", "城里居", "--freeze", "2020-04-01"], "不能早于项目启动日期"),
    ],
)
def test_create_project_says_what_is_wrong(seeded, args, message):
    base = {"--start": "2020-05-01", "--freeze": "2020-06-01"}
    for i in range(0, len(args), 2):
        base[args[i]] = args[i + 1]
    with pytest.raises(CommandError, match=message):
        run("create-project", "老城区棚改", "--unit", "济阳街道", *[x for kv in base.items() for x in kv])


def test_import_project_households_prints_the_summary(renewal, tmp_path):
    ProjectHousehold.objects.filter(household__household_no="JY102").delete()
    path = tmp_path / "红线.csv"
    path.write_bytes(csv_bytes([["JY001"], ["JY102"]], header=["户编号"]))
    batch_line = "导入批次: {0}（撤销：taizhang void-import {0} --reason 原因）"
    out = run("import-project-households", str(path), "--project", "老城区棚改")
    batch = ProjectHousehold.objects.get(household__household_no="JY102").import_batch
    assert out == "共 2 行：已导入新增 1 户，已在系统中 1 户\n" + batch_line.format(batch.pk) + "\n"


def test_import_project_households_exits_1_on_a_bad_row(renewal, tmp_path, capsys):
    path = tmp_path / "红线.csv"
    path.write_bytes(csv_bytes([["JY404"]], header=["户编号"]))
    with pytest.raises(SystemExit) as exit_:
        run("import-project-households", str(path), "--project", "老城区棚改")
    assert exit_.value.code == 1


def test_an_unknown_project_lists_the_known_ones(renewal, tmp_path):
    path = tmp_path / "红线.csv"
    path.write_bytes(csv_bytes([["JY001"]], header=["户编号"]))
    with pytest.raises(CommandError, match="没有名为“新区”的征收项目。现有项目：老城区棚改"):
        run("import-project-households", str(path), "--project", "新区")

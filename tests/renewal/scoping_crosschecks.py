"""URL keywords of the crosschecks area for the scoping walk, each filled with a record of 新市镇's project."""

from tests.conftest import csv_bytes
from tests.renewal.conftest import xinshi_project


def run_id(world):
    from taizhang.registry.models import Person
    from taizhang.renewal.crosscheck import POLICE_COLUMNS
    from taizhang.renewal.crosschecks import crosscheck_run
    from taizhang.renewal.models import CrosscheckRun

    project = xinshi_project(world)
    if not CrosscheckRun.objects.filter(project=project).exists():
        person = Person.objects.filter(household__household_no="XS001").first()
        rows = [[person.name + "某", person.id_number, "X1", "新市村1号", "1990-01-01", "正常"]]  # 姓名不符
        crosscheck_run(
            actor=None,
            project=project,
            data=csv_bytes(rows, POLICE_COLUMNS),
            filename="公安.csv",
            confirm_partial=True,
        )
    return CrosscheckRun.objects.filter(project=project).first().pk


def crosscheck_task_id(world):
    from taizhang.renewal.models import CrosscheckTask

    return CrosscheckTask.objects.filter(run_id=run_id(world)).first().pk


FACTORIES = {"run_id": run_id, "crosscheck_task_id": crosscheck_task_id}

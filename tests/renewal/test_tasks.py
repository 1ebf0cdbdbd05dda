"""The renewal module's to-dos in the inbox: the cross-check's discrepancy tasks for the population group (the staff of
its org node) and open objections for those who answer them (the unit admin and the population group)."""

from datetime import date

import pytest

from taizhang.hub import tasks
from taizhang.hub.models import Notification
from taizhang.org.models import User
from taizhang.renewal import crosschecks, publicity
from taizhang.renewal.models import CrosscheckTask
from tests.renewal.test_crosschecks_services import police_world, run
from tests.renewal.test_publicity_services import START, objection, posted  # noqa: F401  (the fixture)


def fresh(user):
    return User.objects.get(pk=user.pk)


def test_a_cross_check_discrepancy_appears_in_the_population_groups_inbox(renewal):
    result = run(renewal, police_world(renewal))
    opened = CrosscheckTask.objects.filter(run=result, status="open")
    found = tasks.collect(renewal.jy_population_worker)
    assert len(found) == opened.count() > 0
    assert {t.kind for t in found} == {"renewal.crosscheck"} and {t.tab for t in found} == {"group"}
    assert {t.node_id for t in found} == {renewal.population.node_id}
    assert {t.url for t in found} == {f"/renewal/crosscheck-tasks/{pk}/" for pk in opened.values_list("pk", flat=True)}
    assert {t.title for t in found} == {f"核实比对差异：{c}" for c in opened.values_list("category", flat=True)}
    assert not any(t.kind == "renewal.crosscheck" for t in tasks.collect(renewal.jy_group_leader))
    assert not any(t.kind == "renewal.crosscheck" for t in tasks.collect(renewal.world.xs_admin))


def test_a_resolved_discrepancy_leaves_the_inbox(renewal):
    result = run(renewal, police_world(renewal))
    task = CrosscheckTask.objects.filter(run=result, status="open").first()
    before = len(tasks.collect(renewal.jy_population_worker))
    crosschecks.task_resolve(actor=renewal.jy_population_worker, task=task, resolution="已核实户口簿")
    assert len(tasks.collect(renewal.jy_population_worker)) == before - 1
    assert tasks.counts(fresh(renewal.jy_population_worker))["renewal.crosscheck"].total == before - 1


def test_the_population_group_is_told_of_a_new_cross_check(renewal):
    result = run(renewal, police_world(renewal))
    [note] = Notification.objects.filter(recipient=renewal.jy_population_worker)
    assert "差异待人口界定工作组核实" in note.text and note.url == f"/renewal/crosschecks/{result.pk}/"
    assert not Notification.objects.filter(recipient=renewal.world.jy_admin).exists()  # who ran it


def test_open_objections_are_for_the_unit_admin_and_the_population_group(renewal, posted):  # noqa: F811
    raised = objection(renewal, posted, START)
    for user in (renewal.world.jy_admin, renewal.jy_population_worker):
        [task] = [t for t in tasks.collect(fresh(user)) if t.kind == "renewal.objection"]
        assert task.due == date(2020, 9, 7) and "JY101" in task.subject
        assert task.url == f"/renewal/objections/{raised.pk}/"
        assert tasks.counts(fresh(user))["renewal.objection"] == tasks.TaskCount(1, 1)  # the window closed long ago
    assert not any(t.kind == "renewal.objection" for t in tasks.collect(renewal.jy_group_leader))
    publicity.objection_answer(
        actor=renewal.world.jy_admin,
        objection=raised,
        answer="已核实",
        outcome="维持原结果",
        answered_on=date(2020, 9, 8),
    )
    assert not any(t.kind == "renewal.objection" for t in tasks.collect(fresh(renewal.jy_population_worker)))


def test_the_collectors_take_a_fixed_number_of_queries(renewal, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run(renewal, police_world(renewal)[:3], confirm_partial=True)  # three rows: a partial file
    with CaptureQueriesContext(connection) as few:
        tasks.collect(fresh(renewal.jy_population_worker))
    run(renewal, police_world(renewal))
    with django_assert_max_num_queries(len(few)):
        assert len(tasks.collect(fresh(renewal.jy_population_worker))) > 3


@pytest.mark.parametrize("username", ["jy_pop", "jy_admin"])
def test_a_unit_without_the_module_sees_none_of_its_tasks(renewal, username):
    from taizhang.org.models import UnitModule

    run(renewal, police_world(renewal))
    UnitModule.objects.filter(unit=renewal.world.jiyang, module="renewal").delete()
    assert tasks.collect(User.objects.get(username=username)) == []

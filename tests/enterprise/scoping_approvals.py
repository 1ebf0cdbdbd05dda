"""Approval accompaniment's URL keywords for the scoping walk: a project, an approval item and a status link of 新市镇."""

from datetime import date


def _project(world):
    from taizhang.enterprise.models import Project

    found, _ = Project.objects.get_or_create(
        unit=world.xinshi, name="扫描测试项目", defaults={"stage": "signed", "stage_on": date(2020, 6, 1)}
    )
    return found


def approvals_project_id(world):
    return _project(world).pk


def approval_item_id(world):
    from taizhang.enterprise.models import ApprovalItem

    project = _project(world)
    found, _ = ApprovalItem.objects.get_or_create(
        unit=world.xinshi, project=project, name="立项备案", defaults={"department": "行政审批部", "statutory_days": 3}
    )
    return found.pk


def status_token(world):
    from taizhang.enterprise.models import Accompaniment

    found, _ = Accompaniment.objects.get_or_create(
        project=_project(world), defaults={"unit": world.xinshi, "status_token": "scoping-walk-status-token"}
    )
    return found.status_token


FACTORIES = {
    "approvals_project_id": approvals_project_id,
    "approval_item_id": approval_item_id,
    "status_token": status_token,
}

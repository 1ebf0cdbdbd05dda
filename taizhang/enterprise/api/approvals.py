from datetime import date

from ninja import Router, Schema

from taizhang.core import clock
from taizhang.enterprise import selectors_approvals as selectors
from taizhang.enterprise.models import ApprovalItem

router = Router(tags=["企业服务"])


class ApprovalItemOut(Schema):
    id: int
    project_id: int
    name: str
    department: str
    track: str
    complexity: str
    status: str
    submitted_on: date | None
    first_contact_on: date | None
    contact_due: date | None
    service_due: date | None
    statutory_due: date | None
    due_on: date | None
    done_on: date | None
    overdue: bool

    @staticmethod
    def resolve_overdue(item: ApprovalItem) -> bool:
        return item.overdue(clock.today())


@router.get("/approvals/items", response=list[ApprovalItemOut], summary="审批事项（全程帮办）")
def approval_items(request, overdue: bool = False, project: int | None = None):
    found = selectors.item_list(request.user, today=clock.today(), overdue=overdue)
    if project:
        found = found.filter(project_id=project)
    return found[:500]

from datetime import date

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from taizhang.core import clock
from taizhang.enterprise import selectors_functions as selectors
from taizhang.enterprise.models import HandedFunction

router = Router(tags=["企业服务"])


class FunctionOut(Schema):
    id: int
    number: int
    name: str
    category: str
    basis: str
    street: str
    handed_by: str
    state: str
    handed_on: date
    taken_on: date | None
    running_on: date | None
    staffing_note: str

    @staticmethod
    def resolve_street(function: HandedFunction) -> str:
        return function.unit.name

    @staticmethod
    def resolve_handed_by(function: HandedFunction) -> str:
        return function.handed_by.name

    @staticmethod
    def resolve_state(function: HandedFunction) -> str:
        return function.get_state_display()


@router.get("/functions", response=list[FunctionOut], summary="移交街道的职能")
@paginate(PageNumberPagination, page_size=100)
def function_list(request, q: str = "", street: int | None = None, state: str = "", overdue: bool = False):
    """The functions the user's unit handed or received (district roles: all in scope); `state` handed/taken/running."""
    return selectors.function_list(request.user, today=clock.today(), q=q, street=street, state=state, overdue=overdue)


@router.get("/functions/{function_id}", response=FunctionOut, summary="一项移交职能")
def function_detail(request, function_id: int):
    return selectors.function_or_404(request.user, function_id)

"""/api/people/: posts with their vacancies, and contracts (聘任合同), read as the pages read them: posts for those who
read everyone's records, contracts in the user's scope (a staff member's own only). A contract's status is the one
read today: 在聘 past its end day reads 期满 (Contract.state_on)."""

from datetime import date
from decimal import Decimal
from typing import Literal

from ninja import Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from taizhang.core import clock
from taizhang.core.http import require
from taizhang.people import policies, selectors_posts
from taizhang.people.models import Contract, Post

router = Router(tags=["聘任考核"])


class PostVacancyOut(Schema):
    id: int
    unit: str
    department: str
    name: str
    grade: str
    monthly_pay: Decimal
    headcount: int
    filled: int
    vacant: int
    in_use: bool

    @staticmethod
    def resolve_unit(post: Post) -> str:
        return post.unit.name

    @staticmethod
    def resolve_department(post: Post) -> str:
        return post.department.name

    @staticmethod
    def resolve_filled(post: Post) -> int:
        return post.held

    @staticmethod
    def resolve_vacant(post: Post) -> int:
        return selectors_posts.vacant(post)

    @staticmethod
    def resolve_in_use(post: Post) -> bool:
        return post.is_active


@router.get("/posts", response=list[PostVacancyOut], summary="岗位设置与空缺（考核委员会、单位管理员、区级）")
@paginate(PageNumberPagination, page_size=100)
def post_list(request, department: int | None = None):
    """Every post in scope with its head count (职数), how many hold it on a contract in force and its vacancies."""
    require(policies.reads_everyone(request.user), "只有考核委员会、单位管理员和区级人员可以查看岗位设置")
    found = selectors_posts.posts(request.user, today=clock.today())
    return found.filter(department_id=department) if department else found


class ContractOut(Schema):
    id: int
    username: str
    name: str
    department: str
    post: str
    starts_on: date
    ends_on: date
    monthly_pay: Decimal
    performance_shares: list[str]
    status: str
    status_label: str

    @staticmethod
    def resolve_username(contract: Contract) -> str:
        return contract.user.username

    @staticmethod
    def resolve_name(contract: Contract) -> str:
        return contract.user.full_name

    @staticmethod
    def resolve_department(contract: Contract) -> str:
        return contract.department.name

    @staticmethod
    def resolve_post(contract: Contract) -> str:
        return contract.post.name

    @staticmethod
    def resolve_status(contract: Contract) -> str:
        return contract.state

    @staticmethod
    def resolve_status_label(contract: Contract) -> str:
        return contract.get_state_display()


class ContractDetailOut(ContractOut):
    unit: str
    post_grade: str
    probation_months: int
    renewal_of: int | None
    renewed_by: int | None
    ended_on: date | None
    end_reason: str

    @staticmethod
    def resolve_unit(contract: Contract) -> str:
        return contract.unit.name

    @staticmethod
    def resolve_post_grade(contract: Contract) -> str:
        return contract.post.grade

    @staticmethod
    def resolve_renewal_of(contract: Contract) -> int | None:
        return contract.renewal_of_id

    @staticmethod
    def resolve_renewed_by(contract: Contract) -> int | None:
        return contract.renewed_by_id


class ContractQuery(Schema):
    department: int | None = Query(None, description="部门 id")
    status: Literal["", "active", "expired", "renewed", "ended"] = Query(
        "",
        description="今天的状态：active 在聘、expired 期满（含已过聘期结束日的在聘合同）、renewed 已续聘、ended 已解聘",
    )
    ending_within_days: int | None = Query(None, ge=0, le=3650, description="只要在聘且在今后这么多天内到期的")
    q: str = Query("", max_length=64, description="姓名、用户名或岗位")


@router.get("/contracts", response=list[ContractOut], summary="聘任合同（本人只看到自己的）")
@paginate(PageNumberPagination, page_size=50)
def contract_list(request, query: Query[ContractQuery]):
    return selectors_posts.contract_list(
        request.user,
        today=clock.today(),
        q=query.q,
        department=query.department,
        status=query.status,
        ending_days=query.ending_within_days,
    )


@router.get("/contracts/{contract_id}", response=ContractDetailOut, summary="一份聘任合同")
def contract_detail(request, contract_id: int):
    contract = selectors_posts.contract_or_404(request.user, contract_id)
    renewed_by = selectors_posts.renewed_by(contract)
    contract.renewed_by_id = renewed_by.pk if renewed_by else None
    return contract

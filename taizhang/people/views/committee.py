"""考核委员会: its sitting members for the unit's readers; the unit admin seats and unseats them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.core.http import require
from taizhang.core.pages import refusal, void_page
from taizhang.org.models import Role
from taizhang.org.scoping import get_visible_or_404
from taizhang.people import committee, policies
from taizhang.people.forms_committee import MemberForm
from taizhang.people.models import Committee


def _admin_of_unit(user) -> bool:
    return user.role == Role.UNIT_ADMIN and user.unit_id is not None


def member_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(policies.reads_everyone(user) and user.unit_id, "只有本单位考核委员会、单位管理员可以查看考核委员会")
    seated = list(committee.sitting(user.unit_id).order_by("added_at", "id"))
    form = None
    if _admin_of_unit(user):
        form = MemberForm(request.POST or None, unit_id=user.unit_id, seated={m.user_id for m in seated})
        if request.method == "POST" and form.is_valid():
            try:
                member = committee.member_add(actor=user, unit_id=user.unit_id, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(
                    request, f"{member.user.full_name or member.user.username} 已任考核委员会{member.title}。"
                )
                return redirect("people:committee")
    return render(request, "people/committee.html", {"members": seated, "form": form, "nav": "committee"})


def member_remove(request: HttpRequest, member_id: int) -> HttpResponse:
    member = get_visible_or_404(Committee.objects.select_related("user"), request.user, pk=member_id)
    require(_admin_of_unit(request.user), "只有本单位管理员可以调整考核委员会")
    name = member.user.full_name or member.user.username
    return void_page(
        request,
        title=f"{name} 离任考核委员会",
        void=lambda reason: committee.member_remove(actor=request.user, member=member, reason=reason),
        done_message=f"{name} 已离任考核委员会。",
        done_url="/people/committee/",
    )

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from taizhang.core.http import require
from taizhang.org.models import OrgNode, User
from taizhang.org.policies import can_manage_staff
from taizhang.org.scoping import get_visible_or_404
from taizhang.staff import lockout, services
from taizhang.staff.forms import LoginForm, NewStaffForm, NodeForm, PasswordResetForm, StaffForm, UnlockForm

KIND_BY_CHOICE = {
    "urban": OrgNode.Kind.COMMUNITY,
    "village": OrgNode.Kind.COMMUNITY,
    "group": OrgNode.Kind.WORKGROUP,
    "department": OrgNode.Kind.WORKGROUP,
}


class LoginView(auth_views.LoginView):
    template_name = "staff/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def org_tree(request: HttpRequest) -> HttpResponse:
    nodes = list(
        OrgNode.objects.visible_to(request.user)
        .annotate(staff_count=Count("staff", filter=Q(staff__is_active=True)))
        .order_by("path")
    )
    if request.user.node and request.user.node.kind == OrgNode.Kind.DISTRICT:
        nodes.insert(0, request.user.node)
    for node in nodes:
        node.indent = max(node.path.count("/") - 2, 0)
    unit = request.user.unit
    form = NodeForm(unit=unit) if unit and can_manage_staff(request.user) else None
    return render(request, "staff/tree.html", {"nodes": nodes, "form": form})


@require_POST
def node_create(request: HttpRequest) -> HttpResponse:
    require(can_manage_staff(request.user) and request.user.unit_id, "只有单位管理员可以调整组织架构")
    unit = request.user.unit
    form = NodeForm(request.POST, unit=unit)
    if form.is_valid():
        choice = form.cleaned_data["kind"]
        parent = form.cleaned_data["parent"] or unit
        try:
            services.node_create(
                actor=request.user,
                parent=parent,
                kind=KIND_BY_CHOICE[choice],
                name=form.cleaned_data["name"],
                subtype=choice,
            )
            messages.success(request, f"已新建 {form.cleaned_data['name']}。")
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect("org:tree")


def _admin_unit(request) -> OrgNode:
    require(can_manage_staff(request.user) and request.user.unit_id, "只有单位管理员可以管理工作人员")
    return request.user.unit


def staff_list(request: HttpRequest) -> HttpResponse:
    _admin_unit(request)
    staff = (
        User.objects.visible_to(request.user).select_related("node").order_by("-is_active", "node__path", "username")
    )
    query = request.GET.get("q", "").strip()[:40]
    if query:
        staff = staff.filter(Q(full_name__contains=query) | Q(username__startswith=query) | Q(phone__startswith=query))
    page = Paginator(staff, 50).get_page(request.GET.get("page"))
    locked = lockout.locked_accounts(s.username for s in page)
    for member in page:
        member.locked_until = locked.get(member.username)
    return render(request, "staff/staff_list.html", {"page": page, "query": query})


def staff_create(request: HttpRequest) -> HttpResponse:
    unit = _admin_unit(request)
    form = NewStaffForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.staff_create(
                actor=request.user,
                node=data["node"],
                username=data["username"],
                full_name=data["full_name"],
                role=data["role"],
                phone=data["phone"],
                password=data["password"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已新建账号 {user.username}。")
            return redirect("org:staff_list")
    return render(request, "staff/staff_form.html", {"form": form})


def _get_staff(request, user_id: int) -> User:
    _admin_unit(request)
    return get_visible_or_404(User.objects.select_related("node"), request.user, pk=user_id)


def staff_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    staff = _get_staff(request, user_id)
    form = StaffForm(request.POST or None, instance=staff, unit=request.user.unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            fresh = User.objects.get(pk=staff.pk)  # the form mutated `staff`; the service diffs the stored one
            services.staff_update(
                actor=request.user,
                user=fresh,
                node=data["node"],
                full_name=data["full_name"],
                role=data["role"],
                phone=data["phone"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("org:staff_list")
    return render(request, "staff/staff_form.html", {"form": form, "staff": staff})


@require_POST
def staff_toggle(request: HttpRequest, user_id: int) -> HttpResponse:
    staff = _get_staff(request, user_id)
    try:
        services.staff_set_active(actor=request.user, user=staff, active=not staff.is_active)
        messages.success(request, f"已{'启用' if staff.is_active else '停用'} {staff}。")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("org:staff_list")


def staff_password(request: HttpRequest, user_id: int) -> HttpResponse:
    staff = _get_staff(request, user_id)
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_reset_password(actor=request.user, user=staff, password=form.cleaned_data["password"])
        except ValidationError as exc:
            form.add_error("password", exc)
        else:
            messages.success(request, f"已重置 {staff} 的密码，账号锁定同时解除。")
            return redirect("org:staff_list")
    return render(request, "staff/staff_password.html", {"form": form, "staff": staff})


def staff_unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    staff = _get_staff(request, user_id)
    until = lockout.login_locked_until(staff.username)
    form = UnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lockout.account_unlock(actor=request.user, user=staff, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已解除 {staff} 的登录锁定。" if until else f"{staff} 的账号没有被锁定。")
            return redirect("org:staff_list")
    return render(request, "staff/staff_unlock.html", {"form": form, "staff": staff, "until": until})

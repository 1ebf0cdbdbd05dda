"""The committee's posts pages: departments with their posts (new, edit, deactivate), and vacancies."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.core import clock
from taizhang.core.http import require
from taizhang.core.pages import refusal, void_page
from taizhang.people import contracts, policies, selectors, selectors_posts
from taizhang.people.forms_posts import PostForm


def _reader(request) -> None:
    require(policies.reads_everyone(request.user), "只有考核委员会、单位管理员和区级人员可以查看岗位设置")


def _manager(request, unit_id: int | None = None) -> None:
    require(
        policies.can_manage(request.user, unit_id) and bool(request.user.unit_id),
        "只有本单位考核委员会委员或单位管理员可以管理岗位",
    )


def post_list(request: HttpRequest) -> HttpResponse:
    _reader(request)
    departments = selectors.departments(request.user)
    try:
        department_id = int(request.GET.get("department") or 0)
    except ValueError:
        department_id = 0
    groups = selectors_posts.departments_with_posts(
        request.user, today=clock.today(), department_id=department_id or None
    )
    return render(
        request,
        "people/posts_list.html",
        {
            "groups": groups,
            "departments": departments,
            "department_id": department_id,
            "manages": policies.can_manage(request.user) and bool(request.user.unit_id),
        },
    )


def vacancy_list(request: HttpRequest) -> HttpResponse:
    _reader(request)
    return render(
        request, "people/posts_vacancies.html", {"posts": selectors_posts.vacancies(request.user, today=clock.today())}
    )


def post_create(request: HttpRequest) -> HttpResponse:
    _manager(request)
    form = PostForm(request.POST or None, departments=selectors.departments(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            post = contracts.post_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, f"已新建岗位“{post.name}”。")
            return redirect("people:post_list")
    return render(request, "people/posts_form.html", {"form": form, "title": "新建岗位"})


def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = selectors_posts.post_or_404(request.user, post_id)
    _manager(request, post.unit_id)
    initial = {"name": post.name, "grade": post.grade, "monthly_pay": post.monthly_pay, "headcount": post.headcount}
    form = PostForm(request.POST or None, initial=initial, departments=None, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            contracts.post_update(actor=request.user, post=post, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "已保存岗位。")
            return redirect("people:post_list")
    return render(
        request, "people/posts_form.html", {"form": form, "title": f"修改岗位：{post.department.name} · {post.name}"}
    )


def post_toggle(request: HttpRequest, post_id: int) -> HttpResponse:
    post = selectors_posts.post_or_404(request.user, post_id)
    _manager(request, post.unit_id)
    active = not post.is_active
    verb = "恢复使用" if active else "停用"
    return void_page(
        request,
        title=f"{verb}岗位：{post.department.name} · {post.name}",
        void=lambda reason: contracts.post_set_active(actor=request.user, post=post, active=active, reason=reason),
        done_message=f"已{verb}岗位“{post.name}”。",
        done_url="people:post_list",
        template="confirm.html",
        context={"explain": "停用的岗位不能再聘任新人，已有的合同记录保留。" if not active else "恢复后可再聘任新人。"},
    )

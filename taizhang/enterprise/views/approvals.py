"""Approval accompaniment pages: the projects to accompany, a project's approvals board (its 帮办 officer, its
items by parallel track, the enterprise's private status link), adding and editing items, the unit's overdue items,
and the kinds and service rule. Refusals (the calendar not covering a year among them) show as messages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.core import clock
from taizhang.core.listing import list_response, paginate
from taizhang.core.pages import cleaned, refusal, run_action
from taizhang.enterprise import approvals, policies
from taizhang.enterprise import selectors_approvals as selectors
from taizhang.enterprise.forms_approvals import CompleteForm, ItemFilterForm, ItemForm, OfficerForm, ServiceRuleForm
from taizhang.enterprise.models import ApprovalItem
from taizhang.enterprise.rules import stages
from taizhang.org.models import User


def _require_work(user, unit_id: int) -> None:
    if not policies.can_work(user, unit_id):
        raise PermissionDenied("只有本单位的工作人员可以办理全程帮办")


def project_list(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    found = selectors.projects_to_accompany(request.user).annotate(
        items=Count("approval_items"), overdue=Count("approval_items", filter=Q(approval_items__watch_on__lt=today))
    )
    page = paginate(request, found)
    for project in page:  # Project.Stage's choices carry the labels as values; read the label from the rule
        project.stage_label = stages.LABELS.get(project.stage, project.stage)
    return render(request, "enterprise/approvals_projects.html", {"page": page})


def item_list(request: HttpRequest) -> HttpResponse:
    form = ItemFilterForm(request.GET)
    filters = form.filters()
    today = clock.today()
    found = selectors.item_list(
        request.user, today=today, q=filters["q"], overdue=filters["overdue"], status=filters["status"]
    )
    context = {"filter_form": form, "page": paginate(request, found), "today": today}
    return list_response(request, "enterprise/approvals_items.html", "enterprise/approvals_item_rows.html", context)


def board(request: HttpRequest, approvals_project_id: int) -> HttpResponse:
    user = request.user
    project = selectors.project_or_404(user, approvals_project_id)
    works = policies.can_work(user, project.unit_id)
    accompaniment = selectors.accompaniment_of(project)
    staff = User.objects.filter(unit_id=project.unit_id, is_active=True).order_by("username")
    if request.method == "POST":
        _require_work(user, project.unit_id)

        def officer():
            data = cleaned(OfficerForm(request.POST, staff=staff))
            approvals.officer_set(
                actor=user, project=project, officer=data["officer"], office_phone=data["office_phone"]
            )
            return "已保存帮办专员"

        def link_issue():
            approvals.status_link_issue(actor=user, project=project)
            return "已生成新的企业查询链接，旧链接即日失效"

        def link_revoke():
            approvals.status_link_revoke(actor=user, project=project, reason=request.POST.get("reason", ""))
            return "已停用企业查询链接"

        def complete():
            item = selectors.item_or_404(user, int(request.POST.get("item") or 0))
            if item.project_id != project.pk:
                raise ValidationError("该事项不属于本项目")
            approvals.item_complete(actor=user, item=item, done_on=cleaned(CompleteForm(request.POST))["done_on"])
            return f"「{item.name}」已办结"

        handlers = {"officer": officer, "link_issue": link_issue, "link_revoke": link_revoke, "complete": complete}
        done = run_action(request, handlers, reverse("enterprise:approval_board", args=[project.pk]))
        if done is not None:
            return done
        accompaniment = selectors.accompaniment_of(project)
    token = accompaniment.status_token if accompaniment else None
    initial = {"officer": accompaniment.officer if accompaniment else None}
    if accompaniment:
        initial["office_phone"] = accompaniment.office_phone
    context = {
        "project": project,
        "accompaniment": accompaniment,
        "tracks": selectors.project_tracks(project),
        "today": clock.today(),
        "works": works,
        "officer_form": OfficerForm(initial=initial, staff=staff),
        "status_url": request.build_absolute_uri(reverse("enterprise_public:status", args=[token])) if token else "",
    }
    return render(request, "enterprise/approvals_board.html", context)


def _item_page(request, project, item=None) -> HttpResponse:
    user = request.user
    _require_work(user, project.unit_id)
    siblings = ApprovalItem.objects.filter(project=project).exclude(pk=item.pk if item else None)
    initial = {}
    if item is not None:
        initial = {name: getattr(item, name) for name in approvals.ITEM_FIELDS}
    form = ItemForm(
        request.POST or None, initial=initial, kinds=selectors.kinds(user), siblings=siblings, editing=item is not None
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if item is None:
                approvals.item_create(actor=user, project=project, kind=data.pop("kind"), **data)
            else:
                approvals.item_update(actor=user, item=item, **data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "已保存审批事项")
            return redirect("enterprise:approval_board", project.pk)
    context = {"project": project, "item": item, "form": form}
    return render(request, "enterprise/approvals_item_form.html", context, status=400 if form.errors else 200)


def item_new(request: HttpRequest, approvals_project_id: int) -> HttpResponse:
    return _item_page(request, selectors.project_or_404(request.user, approvals_project_id))


def item_edit(request: HttpRequest, approval_item_id: int) -> HttpResponse:
    item = selectors.item_or_404(request.user, approval_item_id)
    return _item_page(request, item.project, item)


def settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    configures = policies.can_configure(user, user.unit_id)
    if request.method == "POST":
        if not configures:
            raise PermissionDenied("只有单位管理员可以维护审批事项清单和帮办服务规则")

        def load_defaults():
            added = approvals.kinds_load_defaults(actor=user, unit_id=user.unit_id)
            return f"已载入 {added} 个常用审批事项" if added else "常用审批事项都已在清单中"

        def rule():
            approvals.service_rule_set(actor=user, unit_id=user.unit_id, **cleaned(ServiceRuleForm(request.POST)))
            return "已保存帮办服务规则"

        done = run_action(
            request, {"load_defaults": load_defaults, "rule": rule}, reverse("enterprise:approval_settings")
        )
        if done is not None:
            return done
    context = {
        "kinds": selectors.kinds(user),
        "rules": selectors.service_rules(user),
        "configures": configures,
        "rule_form": ServiceRuleForm(initial={"effective_on": clock.today()}),
    }
    return render(request, "enterprise/approvals_settings.html", context)

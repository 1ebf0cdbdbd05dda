"""The investment pipeline's pages: the project list (停滞 and 达效滞后 among its filters), a new project, a project's
page with its path, moving a stage (and withdrawing the last move), dropping a project through a confirm page (and
withdrawing that), follow-ups and credit shares."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.core import clock
from taizhang.core.http import require
from taizhang.core.listing import list_response, paginate
from taizhang.core.pages import refusal, void_page
from taizhang.enterprise import pipeline, policies, selectors, selectors_pipeline
from taizhang.enterprise.forms_pipeline import (
    CreditForm,
    DropForm,
    FollowUpForm,
    MoveForm,
    ProjectFilterForm,
    ProjectForm,
)
from taizhang.enterprise.models import Enterprise, Project
from taizhang.enterprise.rules import pipeline as rules
from taizhang.enterprise.rules.stages import CODES, INDEX, LABELS


def project_list(request: HttpRequest) -> HttpResponse:
    user, today = request.user, clock.today()
    form = ProjectFilterForm(
        request.GET,
        stations=selectors_pipeline.stations(user),
        chains=selectors.chains(user),
        officers=selectors_pipeline.officers(user.unit_id),
    )
    f = form.filters()
    found = selectors_pipeline.project_list(
        user,
        today=today,
        q=f["q"],
        stage=f["stage"],
        source=f["source"],
        chain=f["chain"],
        officer=f["officer"],
        stuck=f["stuck"],
        lagging=f["lagging"],
        dropped=f["dropped"],
    )
    page = paginate(request, found)
    units = {p.unit_id for p in page}
    by_unit = selectors_pipeline.norms_by_unit(units, today)
    rows = [
        (
            p,
            rules.is_stuck(
                stage=p.stage,
                stage_on=p.stage_on,
                today=today,
                usual_days=by_unit[p.unit_id].usual_days,
                dropped=p.dropped_on is not None,
            ),
        )
        for p in page
    ]
    lagging = selectors_pipeline.behind(Project.objects.filter(pk__in=[p.pk for p in page]))
    context = {
        "filter_form": form,
        "page": page,
        "rows": [(p, stuck, p.pk in lagging) for p, stuck in rows],
        "works": policies.can_work(user),
    }
    return list_response(request, "enterprise/pipeline_list.html", "enterprise/pipeline_rows.html", context)


def _project_form(request, user, unit_id, *, instance=None) -> ProjectForm:
    return ProjectForm(
        request.POST or None,
        instance=instance,
        initial=None if instance else {"start_on": clock.today(), "officer": user.pk},
        enterprises=Enterprise.objects.visible_to(user).filter(unit_id=unit_id),
        chains=selectors.chains(user).filter(unit_id=unit_id),
        stations=selectors_pipeline.stations(user).filter(unit_id=unit_id, is_active=True),
        officers=selectors_pipeline.officers(unit_id),
        new=instance is None,
    )


def project_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(policies.can_work(user) and user.unit_id is not None, "只有本单位的工作人员可以登记招商项目")
    form = _project_form(request, user, user.unit_id)
    if request.method == "POST" and form.is_valid():
        try:
            project = pipeline.project_create(
                actor=user,
                unit_id=user.unit_id,
                stage=form.cleaned_data["start_stage"],
                stage_on=form.cleaned_data["start_on"],
                **form.values(),
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, f"已登记招商项目：{project.name}")
            return redirect("enterprise:project_detail", project.pk)
    return render(request, "enterprise/pipeline_form.html", {"form": form, "title": "登记招商项目"})


def project_edit(request: HttpRequest, pipeline_project_id: int) -> HttpResponse:
    project = selectors_pipeline.project_or_404(request.user, pipeline_project_id)
    require(policies.can_work(request.user, project.unit_id))
    form = _project_form(request, request.user, project.unit_id, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            pipeline.project_update(actor=request.user, project=Project.objects.get(pk=project.pk), **form.values())
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "已保存")
            return redirect("enterprise:project_detail", project.pk)
    context = {"form": form, "title": f"修改项目 · {project.name}", "project": project}
    return render(request, "enterprise/pipeline_form.html", context)


def _path(project: Project) -> list[dict]:
    """Every stage with the event that reached it (standing ones), the stage the project is at marked."""
    standing = {e.stage: e for e in project.events.all() if e.withdrawn_at is None}
    return [
        {
            "code": code,
            "label": LABELS[code],
            "event": standing.get(code),
            "reached": INDEX[code] <= INDEX[project.stage],
            "current": code == project.stage,
        }
        for code in CODES
    ]


def project_detail(request: HttpRequest, pipeline_project_id: int) -> HttpResponse:
    user, today = request.user, clock.today()
    project = selectors_pipeline.project_or_404(user, pipeline_project_id)
    found = selectors_pipeline.norms(project.unit_id, today)
    figures = list(project.enterprise.figures.order_by("-year")) if project.enterprise_id else []
    land = project.land_mu or (project.enterprise.land_mu if project.enterprise_id else None)
    promise = rules.Promise(project.promise_year, project.promised_output_per_mu, project.promised_tax_per_mu, land)
    works = policies.can_work(user, project.unit_id)
    context = {
        "project": project,
        "path": _path(project),
        "stuck": rules.is_stuck(
            stage=project.stage,
            stage_on=project.stage_on,
            today=today,
            usual_days=found.usual_days,
            dropped=project.dropped_on is not None,
        ),
        "usual_days": found.usual_days.get(project.stage),
        "days_in_stage": rules.days_in_stage(project.stage_on, today),
        "probability": found.probability[project.stage],
        "figures": [
            (f, rules.per_mu(f.output, land) if land else None, rules.per_mu(f.tax, land) if land else None)
            for f in figures
        ],
        "promise": promise,
        "behind": rules.behind(promise, [rules.Figure(f.year, f.output, f.tax) for f in figures]),
        "credits": pipeline.credits_of(project),
        "withdrawable": bool(pipeline.last_move(project)) and project.dropped_on is None,
        "works": works,
        "follow_up_form": FollowUpForm(initial={"happened_on": today}) if works else None,
    }
    return render(request, "enterprise/pipeline_detail.html", context)


def _back(project: Project) -> HttpResponse:
    return redirect("enterprise:project_detail", project.pk)


def stage_move(request: HttpRequest, pipeline_project_id: int) -> HttpResponse:
    project = selectors_pipeline.project_or_404(request.user, pipeline_project_id)
    require(policies.can_work(request.user, project.unit_id))
    officers = selectors_pipeline.officers(project.unit_id)
    form = MoveForm(request.POST or None, request.FILES or None, project=project, officers=officers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pipeline.stage_move(
                actor=request.user,
                project=project,
                target=data["target"],
                on=data["on"],
                owner=data["owner"],
                evidence=data["evidence"],
                note=data["note"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, f"已推进到“{LABELS[data['target']]}”")
            return _back(project)
    elif request.method != "POST":
        form.initial["on"] = clock.today()
    return render(request, "enterprise/pipeline_move.html", {"form": form, "project": project})


def stage_withdraw(request: HttpRequest, pipeline_project_id: int) -> HttpResponse:
    project = selectors_pipeline.project_or_404(request.user, pipeline_project_id)
    require(policies.can_work(request.user, project.unit_id))
    events = pipeline.last_move(project)
    if not events or project.dropped_on is not None:
        messages.info(request, "没有可撤回的阶段推进")
        return _back(project)
    return void_page(
        request,
        title=f"撤回阶段推进 · {project.name}",
        void=lambda reason: pipeline.stage_withdraw(actor=request.user, project=project, reason=reason),
        done_message="已撤回最近一次阶段推进",
        done_url=reverse("enterprise:project_detail", args=[project.pk]),
        template="enterprise/pipeline_withdraw.html",
        context={"project": project, "events": events},
    )


def project_drop(request: HttpRequest, pipeline_project_id: int) -> HttpResponse:
    """终止 in two steps: the date and reason, then a page that repeats them and asks for confirmation."""
    project = selectors_pipeline.project_or_404(request.user, pipeline_project_id)
    require(policies.can_work(request.user, project.unit_id))
    form = DropForm(request.POST or None, initial={"on": clock.today()})
    confirming = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["confirmed"]:
            form = DropForm(initial={**data, "confirmed": True})
            confirming = True
        else:
            try:
                pipeline.project_drop(actor=request.user, project=project, on=data["on"], reason=data["reason"])
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, "项目已终止，可在项目页撤回")
                return _back(project)
    context = {"form": form, "project": project, "confirming": confirming}
    return render(request, "enterprise/pipeline_drop.html", context)


def drop_withdraw(request: HttpRequest, pipeline_project_id: int) -> HttpResponse:
    project = selectors_pipeline.project_or_404(request.user, pipeline_project_id)
    require(policies.can_work(request.user, project.unit_id))
    if project.dropped_on is None:
        messages.info(request, "项目没有终止")
        return _back(project)
    return void_page(
        request,
        title=f"撤回终止 · {project.name}",
        void=lambda reason: pipeline.drop_withdraw(actor=request.user, project=project, reason=reason),
        done_message="已撤回终止，项目回到招商流程",
        done_url=reverse("enterprise:project_detail", args=[project.pk]),
    )


def follow_up_add(request: HttpRequest, pipeline_project_id: int) -> HttpResponse:
    project = selectors_pipeline.project_or_404(request.user, pipeline_project_id)
    require(policies.can_work(request.user, project.unit_id))
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pipeline.follow_up_add(actor=request.user, project=project, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "已记录跟进")
            return redirect(reverse("enterprise:project_detail", args=[project.pk]) + "#follow-ups")
    context = {"form": form, "title": f"记录跟进 · {project.name}", "project": project}
    return render(request, "enterprise/pipeline_form.html", context)


def credits_edit(request: HttpRequest, pipeline_project_id: int) -> HttpResponse:
    project = selectors_pipeline.project_or_404(request.user, pipeline_project_id)
    require(policies.can_work(request.user, project.unit_id))
    initial = {}
    for n, (user, share) in enumerate(pipeline.credits_of(project)):
        initial |= {f"user_{n}": user.pk, f"share_{n}": share}
    form = CreditForm(request.POST or None, initial=initial, officers=selectors_pipeline.officers(project.unit_id))
    if request.method == "POST" and form.is_valid():
        try:
            pipeline.credits_set(actor=request.user, project=project, shares=form.shares())
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, "已保存业绩分配")
            return _back(project)
    context = {"form": form, "title": f"业绩分配 · {project.name}", "project": project}
    return render(request, "enterprise/pipeline_form.html", context)


def stage_evidence(request: HttpRequest, stage_event_id: int) -> FileResponse:
    event = selectors_pipeline.event_or_404(request.user, stage_event_id)
    if not event.evidence:
        raise Http404("该阶段没有佐证材料")
    name = event.evidence.name.rsplit("/", 1)[-1]
    return FileResponse(event.evidence.open("rb"), as_attachment=True, filename=name)

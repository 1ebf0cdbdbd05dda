"""The pipeline through the API: the project list (the page's filters) and one project with its path."""

from datetime import date
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from taizhang.core import clock
from taizhang.enterprise import selectors_pipeline
from taizhang.enterprise.models import Project

router = Router(tags=["企业服务"])


class PipelineProjectOut(Schema):
    id: int
    name: str
    stage: str
    stage_label: str
    stage_on: date
    investor: str
    enterprise: str | None
    chain: str | None
    source: str | None
    officer: str | None
    planned_investment: Decimal | None
    dropped_on: date | None

    @staticmethod
    def resolve_stage_label(project: Project) -> str:
        return project.get_stage_display()

    @staticmethod
    def resolve_enterprise(project: Project) -> str | None:
        return project.enterprise.name if project.enterprise_id else None

    @staticmethod
    def resolve_chain(project: Project) -> str | None:
        return project.chain.name if project.chain_id else None

    @staticmethod
    def resolve_source(project: Project) -> str | None:
        return project.source.name if project.source_id else None

    @staticmethod
    def resolve_officer(project: Project) -> str | None:
        return (project.officer.full_name or project.officer.username) if project.officer_id else None


class EventOut(Schema):
    stage: str
    reached_on: date
    skipped: bool
    note: str
    has_evidence: bool


class PipelineProjectDetailOut(PipelineProjectOut):
    events: list[EventOut]

    @staticmethod
    def resolve_events(project: Project) -> list[dict]:
        return [
            {
                "stage": e.stage,
                "reached_on": e.reached_on,
                "skipped": e.skipped,
                "note": e.note,
                "has_evidence": bool(e.evidence),
            }
            for e in project.events.all()
            if e.withdrawn_at is None
        ]


@router.get("/projects", response=list[PipelineProjectOut], summary="招商项目")
@paginate(PageNumberPagination, page_size=100)
def project_list(
    request,
    q: str = "",
    stage: str = "",
    source: int | None = None,
    chain: int | None = None,
    officer: int | None = None,
    stuck: bool = False,
    lagging: bool = False,
    dropped: bool = False,
):
    """The projects in scope; `stuck` = 停滞, `lagging` = 达效滞后, `dropped` = the dropped ones instead of the live."""
    return selectors_pipeline.project_list(
        request.user,
        today=clock.today(),
        q=q,
        stage=stage,
        source=source,
        chain=chain,
        officer=officer,
        stuck=stuck,
        lagging=lagging,
        dropped=dropped,
    )


@router.get("/projects/{pipeline_project_id}", response=PipelineProjectDetailOut, summary="一个招商项目及其推进路径")
def project_detail(request, pipeline_project_id: int):
    return selectors_pipeline.project_or_404(request.user, pipeline_project_id)

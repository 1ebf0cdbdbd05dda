"""What the pipeline's tests share: a PDF to upload as evidence and a project made through the services."""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.enterprise import pipeline

TODAY = date(2021, 3, 1)


def pdf(name: str = "合同.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 signed contract", content_type="application/pdf")


def new_project(ez, *, name="新材料项目", on=date(2020, 1, 10), **values):
    return pipeline.project_create(
        actor=ez.officer,
        unit_id=ez.unit.pk,
        name=name,
        stage="lead",
        stage_on=on,
        chain=ez.food_chain,
        source=ez.station,
        officer=ez.officer,
        planned_investment=Decimal(10000),
        **values,
    )


def signed_project(ez, **values):
    """A project moved to 签约 on 2020-03-01 with its contract."""
    project = new_project(ez, **values)
    pipeline.stage_move(actor=ez.officer, project=project, target="signed", on=date(2020, 3, 1), evidence=pdf())
    return project

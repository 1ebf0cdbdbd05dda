"""The printable agreement: filled from the frozen calculation, total in figures and in 大写, signature lines."""

import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from taizhang.audit.models import AuditEntry
from taizhang.renewal.agreements import agreement_choose, agreement_sign, agreement_vacate
from tests.renewal.scoping_compensation import example_household, published_policy

pytestmark = pytest.mark.django_db
OUT = Path("/tmp/taizhang-agreement.pdf")


def test_the_agreement_pdf_is_filled_from_the_calculation(client, renewal):
    published_policy(renewal.project)
    entry = example_household(renewal.project)
    admin = renewal.world.jy_admin
    agreement = agreement_choose(
        actor=admin, entry=entry, option="产权调换", chosen_area=Decimal("125.50"), months_until_handover=30
    )
    agreement = agreement_vacate(
        actor=admin,
        agreement=agreement_sign(actor=admin, agreement=agreement, signed_on=date(2020, 9, 10)),
        vacated_on=date(2020, 9, 25),
    )
    client.force_login(admin)
    response = client.get(reverse("renewal:agreement_pdf", args=[agreement.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PRINT, object_type="renewal.agreement").count() == 1
    OUT.write_bytes(response.content)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(OUT), "-"], capture_output=True, text=True).stdout
        for expected in (
            "房屋征收补偿协议",
            "协议编号：2020-0001",
            "205,741.50",
            "贰拾万伍仟柒佰肆拾壹元伍角整",
            "第二十九条",
            "违法建设",
            "乙方（签字、按手印）",
            "2020年09月10日",
        ):
            assert expected in text, expected


def test_an_unsigned_agreement_prints_for_signing(client, renewal):
    published_policy(renewal.project)
    entry = example_household(renewal.project)
    agreement = agreement_choose(actor=renewal.world.jy_admin, entry=entry, option="货币补偿")
    client.force_login(renewal.world.jy_admin)
    response = client.get(reverse("renewal:agreement_pdf", args=[agreement.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")

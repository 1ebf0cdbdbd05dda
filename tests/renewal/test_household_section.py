"""The household file (一户一档) shows the household's renewal records, on the page and in the PDF."""

from datetime import date
from decimal import Decimal

from taizhang.renewal.models import Building, Determination, Measurement, Site
from tests.conftest import PASSWORD


def measured(renewal, no="JY001"):
    entry = renewal.entry(no)
    site = Site.objects.create(
        unit=entry.unit,
        community=entry.community,
        project=renewal.project,
        number="CL-001",
        site_area=Decimal("210.00"),
        floor_area=Decimal("124.75"),
        measured_on=date(2020, 6, 10),
    )
    site.owners.set([entry])
    measurement = Measurement.objects.create(
        unit=entry.unit,
        community=entry.community,
        project=renewal.project,
        site=site,
        measured_on=date(2020, 6, 10),
        floor_area=Decimal("124.75"),
        site_area=Decimal("210.00"),
        flags="占地面积小于房屋占地，请复测",
    )
    Building.objects.create(
        unit=entry.unit,
        community=entry.community,
        measurement=measurement,
        label="正房",
        structure="砖混",
        certificate="有证",
        floor_area=Decimal("96.35"),
    )
    head = entry.household.head
    Determination.objects.create(
        unit=entry.unit,
        community=entry.community,
        project=renewal.project,
        entry=entry,
        person=head,
        name=head.name,
        id_number=head.id_number,
        verdict="认定",
        reason="冻结日（2020-06-01）户籍在册",
        decided_on=date(2020, 6, 20),
    )
    entry.measured_on, entry.determined_on = date(2020, 6, 10), date(2020, 6, 20)
    entry.save()
    return entry


def test_the_household_file_shows_courtyards_measurements_and_determinations(client, renewal):
    entry = measured(renewal)
    client.login(username="jy_worker", password=PASSWORD)
    page = client.get(f"/registry/households/{entry.household_id}/").content.decode()
    assert "棚改旧改" in page and "老城区棚改" in page and "院落 CL-001" in page
    assert "正房（砖混·有证·96.35）" in page and "冻结日（2020-06-01）户籍在册" in page
    assert "已界定（2020-06-20），认定 1 人" in page and "占地面积小于房屋占地" in page


def test_a_household_outside_every_project_has_no_renewal_section(client, renewal):
    from taizhang.registry.models import Household

    client.login(username="xs_admin", password=PASSWORD)
    page = client.get(f"/registry/households/{Household.objects.get(household_no='XS001').pk}/").content.decode()
    assert "棚改旧改</h2>" not in page and "老城区棚改" not in page


def test_the_household_pdf_includes_the_section(client, renewal):
    entry = measured(renewal)
    client.login(username="jy_admin", password=PASSWORD)
    response = client.get(f"/registry/households/{entry.household_id}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_household_file_keeps_a_voided_agreement_in_its_history(client, renewal):
    from taizhang.renewal.models import Agreement

    entry = measured(renewal)
    fields = dict(unit=entry.unit, community=entry.community, project=renewal.project, entry=entry)
    Agreement.objects.create(
        **fields,
        option="货币补偿",
        number="2020-0001",
        amount=Decimal("1000.00"),
        status="voided",
        void_reason="重复签约",
    )
    Agreement.objects.create(**fields, option="产权调换")
    client.login(username="jy_worker", password=PASSWORD)
    page = client.get(f"/registry/households/{entry.household_id}/").content.decode()
    assert "协议：产权调换 · 未签约" in page and "协议 2020-0001：货币补偿 · 已作废" in page and "重复签约" in page

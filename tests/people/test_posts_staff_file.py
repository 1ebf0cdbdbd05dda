"""The kernel's staff file (人员档案) with the people module's section: who may open it, what the section shows."""

from taizhang.audit.models import AuditEntry
from taizhang.hub.services import unit_modules_set
from taizhang.people.models import Grade, Result
from tests.conftest import pdf_text


def test_a_staff_member_opens_their_own_file_with_post_contracts_and_results(zone, login):
    Result.objects.create(
        unit=zone.cycle.unit, cycle=zone.cycle, user=zone.staff[0], final_score=88, grade=Grade.EXCELLENT
    )
    text = login(zone.staff[0]).get(f"/org/staff/{zone.staff[0].pk}/").content.decode()
    assert 'id="section-people"' in text
    assert "现任岗位" in text and "综合文秘岗" in text and "2020Q3" in text and "优秀" in text


def test_the_unit_admin_and_district_roles_open_anyones_file_colleagues_do_not(zone, world, login):
    path = f"/org/staff/{zone.staff[2].pk}/"
    assert "经济运行岗" in login(world.xs_admin).get(path).content.decode()
    assert "经济运行岗" in login(world.leader).get(path).content.decode()
    assert login(zone.staff[0]).get(path).status_code == 403
    assert login(world.jy_admin).get(path).status_code == 404


def test_the_assessment_committee_opens_its_units_files_through_the_sections_readers(zone, world, login):
    path = f"/org/staff/{zone.staff[2].pk}/"
    assert "经济运行岗" in login(zone.committee).get(path).content.decode()
    assert login(zone.committee).get(f"/org/staff/{world.jy_worker.pk}/").status_code == 404
    unit_modules_set(actor=None, unit=world.xinshi, keys=["assistance"])  # without the module, no voucher
    assert login(zone.committee).get(path).status_code == 403


def test_a_unit_without_the_module_shows_the_file_without_its_section(zone, world, login):
    unit_modules_set(actor=None, unit=world.xinshi, keys=["assistance"])
    text = login(zone.staff[0]).get(f"/org/staff/{zone.staff[0].pk}/").content.decode()
    assert "孔一" in text and 'id="section-people"' not in text


def test_the_file_prints_as_a_pdf_and_the_printing_is_audited(zone, world, login):
    response = login(world.xs_admin).get(f"/org/staff/{zone.staff[4].pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "人员档案" in text and "部长" in text
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PRINT, object_type="org.user").count() == 1


def test_the_staff_list_links_to_each_file(zone, world, login):
    assert f'href="/org/staff/{zone.staff[0].pk}/"' in login(world.xs_admin).get("/org/staff/?q=孔一").content.decode()

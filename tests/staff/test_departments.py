"""A unit admin adds a department (部门) to the org tree: a work-group node directly under the unit."""

from taizhang.org.models import OrgNode


def test_a_unit_admin_adds_a_department_under_the_unit(world, login):
    response = login(world.xs_admin).post("/org/nodes/new/", {"name": "经济发展部", "kind": "department"})
    assert response.status_code == 302
    node = OrgNode.objects.get(name="经济发展部")
    assert (node.kind, node.subtype, node.parent_id, node.unit_id) == (
        "workgroup",
        "department",
        world.xinshi.pk,
        world.xinshi.pk,
    )


def test_a_department_cannot_hang_under_a_village(world, login):
    client = login(world.xs_admin)
    response = client.post(
        "/org/nodes/new/", {"name": "经济发展部", "kind": "department", "parent": world.xinshi_village.pk}, follow=True
    )
    assert "部门直属本单位，不能建在村居之下" in response.content.decode()
    assert not OrgNode.objects.filter(name="经济发展部").exists()

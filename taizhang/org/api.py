from ninja import Router, Schema

from taizhang.org.models import OrgNode

router = Router(tags=["组织"])


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    node: str | None
    unit_id: int | None


class NodeOut(Schema):
    id: int
    parent_id: int | None
    kind: str
    subtype: str
    name: str


@router.get("/me", response=MeOut)
def me(request):
    user = request.user
    return {
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "role_label": user.get_role_display(),
        "node": user.node.name if user.node else None,
        "unit_id": user.unit_id,
    }


@router.get("/org/nodes", response=list[NodeOut])
def nodes(request):
    return list(OrgNode.objects.visible_to(request.user).order_by("path"))

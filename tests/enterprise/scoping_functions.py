"""The handed functions' URL keywords for the scoping walk: a function 新市镇 received (its unit) from a zone that is
neither 新市镇 nor 济阳街道, so 济阳街道's users are refused by both halves of the selector, and a note on it."""

from datetime import date

from taizhang.enterprise.models import FunctionNote, HandedFunction
from taizhang.org.models import OrgNode
from taizhang.staff.services import node_create


def _zone(world) -> OrgNode:
    found = OrgNode.objects.filter(name="扫描开发区", kind=OrgNode.Kind.UNIT).first()
    return found or node_create(actor=None, parent=world.district, kind=OrgNode.Kind.UNIT, name="扫描开发区")


def function_id(world) -> int:
    found, _ = HandedFunction.objects.get_or_create(
        unit=world.xinshi,
        handed_by=_zone(world),
        number=1,
        defaults={"name": "扫描测试职能", "category": "社会救助", "handed_on": date(2020, 7, 1)},
    )
    return found.pk


def function_note_id(world) -> int:
    function = HandedFunction.objects.get(pk=function_id(world))
    found, _ = FunctionNote.objects.get_or_create(
        unit=world.xinshi,
        handed_by=function.handed_by,
        function=function,
        defaults={"text": "扫描测试督办", "deadline": date(2020, 8, 1), "written_on": date(2020, 7, 2)},
    )
    return found.pk


FACTORIES = {"function_id": function_id, "function_note_id": function_note_id}

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from taizhang.core.manifest import modules
from taizhang.hub import demo
from taizhang.hub.services import unit_modules_set
from taizhang.org.models import OrgNode, User
from taizhang.org.modules import unit_module_keys
from taizhang.registry.importing import household_import
from taizhang.staff.services import node_create, staff_create


def _child(parent, kind, name, subtype="", sort_order=0):
    existing = OrgNode.objects.filter(parent=parent, name=name).first()
    return existing or node_create(
        actor=None, parent=parent, kind=kind, name=name, subtype=subtype, sort_order=sort_order
    )


@transaction.atomic
def district_tree() -> dict[tuple[str, ...], OrgNode]:
    """The district's units, 村居, work groups and departments keyed by their path of names, the demo accounts, and the
    modules each unit works with; what exists is kept."""
    district = OrgNode.objects.filter(parent=None, name=demo.DISTRICT).first() or node_create(
        actor=None, parent=None, kind=OrgNode.Kind.DISTRICT, name=demo.DISTRICT
    )
    nodes = {(): district}
    for unit_name, subtype, _, communities, _ in demo.UNITS:
        unit = _child(district, OrgNode.Kind.UNIT, unit_name, subtype)
        nodes[(unit_name,)] = unit
        for community, community_type in communities:
            nodes[(unit_name, community)] = _child(unit, OrgNode.Kind.COMMUNITY, community, community_type)
        for group, under in demo.WORKGROUPS.get(unit_name, []):
            parent = nodes[(unit_name, under)] if under else unit
            key = (unit_name, under, group) if under else (unit_name, group)
            nodes[key] = _child(parent, OrgNode.Kind.WORKGROUP, group, "group")
        for order, department in enumerate(demo.DEPARTMENTS.get(unit_name, []), start=1):
            nodes[(unit_name, department)] = _child(
                unit, OrgNode.Kind.WORKGROUP, department, OrgNode.Subtype.DEPARTMENT, sort_order=order
            )
    for account in demo.ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            staff_create(
                actor=None,
                node=nodes[account.node],
                username=account.username,
                full_name=account.full_name,
                role=account.role,
                password=demo.PASSWORD,
            )
        elif not user.check_password(demo.PASSWORD) or not user.is_active:
            user.set_password(demo.PASSWORD)
            user.is_active = True
            user.save(update_fields=["password", "is_active"])
    installed = {spec.key for spec in modules()}
    for unit_name, keys in demo.UNIT_MODULES.items():  # added to what the unit has, never taken away
        unit = nodes[(unit_name,)]
        unit_modules_set(actor=None, unit=unit, keys=(set(keys) & installed) | unit_module_keys([unit.pk])[unit.pk])
    return nodes


class Command(BaseCommand):
    help = (
        "建立演示区县“济阳区”：济北开发区、济阳街道、新市镇、崔寨街道及其村居和工作组，约3000户（身份证号按国标生成且有效），"
        "每个角色一个演示账号。同一 --seed 结果相同；重复运行不会产生重复数据。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2020)
        parser.add_argument("--quiet", action="store_true", help="不打印演示账号")

    def handle(self, *args, seed, quiet, **options):
        nodes = district_tree()
        total = 0
        for unit_name, rows in demo.demo_rows(seed).items():
            report = household_import(
                unit=nodes[(unit_name,)], data=demo.rows_to_csv(rows), filename=f"demo-{unit_name}.csv"
            )
            if not report.ok:
                raise CommandError("演示数据导入失败：" + "；".join(e.as_text() for e in report.errors[:5]))
            total += report.households_created + report.households_updated + report.households_unchanged
            self.stdout.write(f"{unit_name}：{report.summary()}")
        for spec in modules():
            if spec.demo:
                spec.load(spec.demo)(nodes=nodes, seed=seed, write=self.stdout.write)
        self.stdout.write(f"演示区县“{demo.DISTRICT}”已就绪，共 {total} 户。")
        if not quiet:
            self.stdout.write(f"\n演示账号（密码均为 {demo.PASSWORD}）：")
            for account in demo.ACCOUNTS:
                self.stdout.write(f"  {account.username:<12} {account.note}")

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from taizhang.org.models import OrgNode
from taizhang.org.selectors import unit_by_name
from taizhang.renewal.projects import project_create


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期“{value}”看不懂，请写成 2020-06-01 这样的日期")


class Command(BaseCommand):
    help = (
        "建立征收项目。冻结日期当天在册的户籍计入，此后迁入、新建、扩建的不予认定和补偿。项目涉及村居下的工作组自动成为"
        "负责该村居的区域工作组，另设人口界定工作组（单位下已有同名工作组时，其人员即为组员）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="项目名称")
        parser.add_argument("--unit", required=True, help="单位名称，如 济阳街道")
        parser.add_argument("--communities", required=True, help="涉及村居，用逗号或顿号分隔，如 城里居,东关居")
        parser.add_argument("--start", required=True, help="启动日期 YYYY-MM-DD")
        parser.add_argument("--freeze", required=True, help="冻结日期 YYYY-MM-DD")
        parser.add_argument("--publicity-days", type=int, default=7, help="公示期天数（默认 7）")

    def handle(self, *args, name, unit, communities, start, freeze, publicity_days, **options):
        unit_node = unit_by_name(unit)
        names = [n.strip() for n in communities.replace("，", ",").replace("、", ",").split(",") if n.strip()]
        found = {c.name: c for c in OrgNode.objects.filter(unit=unit_node, kind=OrgNode.Kind.COMMUNITY, name__in=names)}
        missing = [n for n in names if n not in found]
        if missing:
            known = "、".join(
                OrgNode.objects.filter(unit=unit_node, kind=OrgNode.Kind.COMMUNITY).values_list("name", flat=True)
            )
            raise CommandError(f"{unit_node.name}没有村居：{'、'.join(missing)}。现有村居：{known}")
        try:
            project = project_create(
                actor=None,
                unit=unit_node,
                name=name,
                communities=[found[n] for n in names],
                start_date=iso_date(start),
                freeze_date=iso_date(freeze),
                publicity_days=publicity_days,
            )
        except ValidationError as exc:
            raise CommandError(exc.messages[0])
        groups = "、".join(project.groups.values_list("name", flat=True))
        self.stdout.write(
            f"已建立征收项目“{project.name}”（{unit_node.name}，{'、'.join(names)}；冻结日期 {project.freeze_date}）。"
            f"工作组：{groups}"
        )

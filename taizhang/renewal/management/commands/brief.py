from datetime import date

from django.core.management.base import BaseCommand, CommandError

from taizhang.core import clock
from taizhang.org.scoping import command_line_viewer
from taizhang.renewal import progress
from taizhang.renewal.selectors import project_by_name


class Command(BaseCommand):
    help = (
        "打印征收项目的工作简报，如“截至目前,城里居、东关居累计测量907户,测量院落932个,测量厂房5所,人口界定206户。”"
        "按截至日期（默认今天）统计：一户有一个院落测量即计为已测量户，作废的院落不计；界定、签约、腾空按各自日期计。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, help="项目名称，如 老城区棚改")
        parser.add_argument("--as-of", help="截至日期 YYYY-MM-DD（默认今天）")

    def handle(self, *args, project, as_of, **options):
        found = project_by_name(project)
        today = clock.today()
        day = today
        if as_of:
            try:
                day = date.fromisoformat(as_of.strip())
            except ValueError:
                raise CommandError(f"截至日期“{as_of}”看不懂，请写成 2020-09-15 这样的日期")
            if day > today:
                raise CommandError(f"截至日期不能晚于今天（{today:%Y-%m-%d}）")
        text, _ = progress.brief(command_line_viewer(found.unit), found, day, today)
        self.stdout.write(text)

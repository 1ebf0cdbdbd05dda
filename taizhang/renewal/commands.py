"""What the renewal module's import commands share: a file and a project by name, the service, the report."""

from django.core.management.base import BaseCommand

from taizhang.core.commands import existing_file, finish_import
from taizhang.renewal.selectors import project_by_name


class ProjectImportCommand(BaseCommand):
    """Subclasses name the import service, `service(*, actor, project, data, filename, dry_run)`, and the help."""

    service = None

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--project", required=True, help="征收项目名称，如 老城区棚改")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, project, dry_run, **options):
        path = existing_file(file)
        report = type(self).service(
            actor=None, project=project_by_name(project), data=path, filename=path.name, dry_run=dry_run
        )
        finish_import(self, report, dry_run=dry_run)

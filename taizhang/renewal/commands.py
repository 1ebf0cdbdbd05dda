"""What the renewal module's import commands share: a file and a project by name, run through the kernel's import
batch like the upload pages (the batch number printed)."""

from django.core.management.base import BaseCommand

from taizhang.core.commands import existing_file
from taizhang.imports.commands import import_ledger
from taizhang.renewal.ledgers import project_target
from taizhang.renewal.selectors import project_by_name


class ProjectImportCommand(BaseCommand):
    """Subclasses name the ledger (`ledger = "renewal.measurements"`) and the help."""

    ledger = ""

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--project", required=True, help="征收项目名称，如 老城区棚改")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, project, dry_run, **options):
        target = project_target(project_by_name(project))
        import_ledger(self, self.ledger, target=target, path=existing_file(file), dry_run=dry_run)

"""What the import commands share: reading the file argument and printing the report, exit 1 on any bad row."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class ImportCommand(BaseCommand):
    """An import command. Django's system checks (URL patterns, templates, models: a development aid) are skipped:
    they load every view of every app, 0.6 s each time a town's ledger is imported from a script."""

    requires_system_checks = []


def existing_file(file: str) -> Path:
    path = Path(file)
    if not path.is_file():
        raise CommandError(f"找不到文件：{file}")
    return path


def finish_import(command, report, *, dry_run: bool) -> None:
    """Print the ignored columns, then the summary, or every row error and exit with status 1."""
    if report.unknown_columns:
        command.stdout.write(f"已忽略不认识的列：{'、'.join(report.unknown_columns)}")
    if not report.ok:
        for error in report.errors:
            command.stdout.write(error.as_text())
        if report.error_count > len(report.errors):
            command.stdout.write(f"……另有 {report.error_count - len(report.errors)} 处错误未列出")
        command.stdout.write(f"共 {report.error_count} 处错误，没有写入任何数据。")
        raise SystemExit(1)
    command.stdout.write(("检查通过（未写入）：" if dry_run else "") + report.summary())

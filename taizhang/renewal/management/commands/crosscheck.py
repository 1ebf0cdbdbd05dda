from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from taizhang.core.commands import existing_file, finish_import
from taizhang.documents.importing import ImportReport
from taizhang.renewal.crosschecks import crosscheck_preview, crosscheck_run
from taizhang.renewal.rules import CATEGORIES, COVERAGE_FLOOR
from taizhang.renewal.selectors import project_by_name


class Command(BaseCommand):
    help = (
        "用派出所户籍数据（.xlsx/.csv，UTF-8 或 GBK；列：姓名、身份证号、户号、住址、迁入日期、户籍状态）比对项目的"
        "征收户人员，按身份证号比对（不区分全角半角、空格和小写 x；姓名允许繁简、异体字和空格差异）。"
        "住址不在项目涉及村居的公安记录，只有其人在台账中时才计入。每类打印一行“类别: 人数”；"
        "除“一致”外每条差异生成一个比对任务交人口界定工作组处理，上一次比对未处理的任务标为“已由新一次比对取代”。"
        f"文件只覆盖部分人员（项目某村居一人未列，或合计覆盖低于 {float(COVERAGE_FLOOR) * 100:.0f}%）时拒绝比对，"
        "除非加 --confirm-partial。--preview 只打印各村居覆盖率、各类人数和将被取代的任务数，不写入任何数据。"
        "-o 写出比对明细（.xlsx）。文件有错时打印错误并以状态 1 退出，不保存任何数据。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, help="项目名称")
        parser.add_argument("--police", required=True, help="派出所户籍数据文件")
        parser.add_argument("-o", "--output", help="比对明细写入的 .xlsx 文件")
        parser.add_argument("--preview", action="store_true", help="只预览覆盖率和将要发生的变化，不写入")
        parser.add_argument("--confirm-partial", action="store_true", help="文件只覆盖部分村居，仍要比对")

    def handle(self, *args, project, police, output, preview, confirm_partial, **options):
        path = existing_file(police)
        found = project_by_name(project)
        if preview:
            result = crosscheck_preview(actor=None, project=found, data=path, filename=path.name)
            if isinstance(result, ImportReport):
                finish_import(self, result, dry_run=True)
            for row in [*result.coverage, result.total]:
                self.stdout.write(f"覆盖 {row.community}: {row.found}/{row.persons} ({row.percent})")
            for category in CATEGORIES:
                self.stdout.write(f"{category}: {result.counts.get(category, 0)}")
            self.stdout.write(f"将取代上次比对未处理任务: {result.supersedes}")
            for warning in result.warnings:
                self.stderr.write(f"警告：{warning}")
            self.stdout.write("预览，没有写入任何数据。")
            return
        try:
            run = crosscheck_run(
                actor=None, project=found, data=path, filename=path.name, confirm_partial=confirm_partial
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages) + "（核对无误后加 --confirm-partial）") from exc
        if isinstance(run, ImportReport):
            finish_import(self, run, dry_run=False)  # prints the row errors and exits with status 1
        for category in CATEGORIES:
            self.stdout.write(f"{category}: {run.counts.get(category, 0)}")
        if output:
            with run.details.open("rb") as details:
                Path(output).write_bytes(details.read())
            self.stderr.write(f"比对明细已写入 {output}")

from pathlib import Path

from django.core.management.base import BaseCommand

from taizhang.core.commands import existing_file, finish_import
from taizhang.documents.importing import ImportReport
from taizhang.renewal.crosschecks import crosscheck_run
from taizhang.renewal.rules import CATEGORIES
from taizhang.renewal.selectors import project_by_name


class Command(BaseCommand):
    help = (
        "用派出所户籍数据（.xlsx/.csv，UTF-8 或 GBK；列：姓名、身份证号、户号、住址、迁入日期、户籍状态）比对项目的"
        "征收户人员，按身份证号比对（不区分全角半角、空格和小写 x；姓名允许繁简、异体字和空格差异）。"
        "住址不在项目涉及村居的公安记录，只有其人在台账中时才计入。每类打印一行“类别: 人数”；"
        "除“一致”外每条差异生成一个比对任务交人口界定工作组处理，上一次比对未处理的任务标为“已由新一次比对取代”。"
        "-o 写出比对明细（.xlsx）。文件有错时打印错误并以状态 1 退出，不保存任何数据。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, help="项目名称")
        parser.add_argument("--police", required=True, help="派出所户籍数据文件")
        parser.add_argument("-o", "--output", help="比对明细写入的 .xlsx 文件")

    def handle(self, *args, project, police, output, **options):
        path = existing_file(police)
        run = crosscheck_run(actor=None, project=project_by_name(project), data=path, filename=path.name)
        if isinstance(run, ImportReport):
            finish_import(self, run, dry_run=False)  # prints the row errors and exits with status 1
        for category in CATEGORIES:
            self.stdout.write(f"{category}: {run.counts.get(category, 0)}")
        if output:
            with run.details.open("rb") as details:
                Path(output).write_bytes(details.read())
            self.stderr.write(f"比对明细已写入 {output}")

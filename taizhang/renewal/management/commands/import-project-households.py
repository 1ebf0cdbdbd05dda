from django.core.management.base import BaseCommand

from taizhang.core.commands import existing_file, finish_import
from taizhang.renewal.projects import households_import
from taizhang.renewal.selectors import project_by_name


class Command(BaseCommand):
    help = ("导入征收范围（红线内）的户名单（.xlsx/.csv），列：户编号。户须已在本单位户籍台账中、且位于项目涉及的村居；"
            "已在项目中的户保持不变。整个文件要么全部导入，要么一行都不导入；有错时打印错误并以状态 1 退出。")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--project", required=True, help="项目名称")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, project, dry_run, **options):
        path = existing_file(file)
        report = households_import(actor=None, project=project_by_name(project), data=path, filename=path.name,
                                   dry_run=dry_run)
        finish_import(self, report, dry_run=dry_run)

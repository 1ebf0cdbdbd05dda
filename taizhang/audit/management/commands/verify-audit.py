from django.core.management.base import BaseCommand
from django.utils import timezone

from taizhang.audit.heads import read_exports
from taizhang.audit.verify import verify_chains


class Command(BaseCommand):
    help = (
        "逐条用审计密钥重算审计链，并核对每次导出的链头仍是现有记录的前缀。完整时打印 OK；否则指出第一条被改动、"
        "删除或断链的记录并以状态 1 退出。--code 核对报表上印的校验码。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--code", help="报表或驾驶舱上印的审计链校验码（XXXX-XXXX-XXXX）")

    def handle(self, *args, code, **options):
        result = verify_chains()
        self.stdout.write(result.message)
        if code:
            wanted = code.strip().upper().replace(" ", "")
            found = [e for e in read_exports().exports if e.code == wanted]
            if not found:
                self.stdout.write(f"校验码 {wanted} 不在链头导出文件中：印出它之后，导出文件或审计记录被改动过")
                raise SystemExit(1)
            if result.ok:
                export = found[-1]
                self.stdout.write(
                    f"校验码 {wanted}（链头导出文件第 {export.line} 行，"
                    f"{timezone.localtime(export.at):%Y-%m-%d %H:%M} 导出）与现有记录一致"
                )
        if not result.ok:
            raise SystemExit(1)

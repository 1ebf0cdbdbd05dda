from django.core.management.base import BaseCommand

from taizhang.audit.verify import verify_chains


class Command(BaseCommand):
    help = "逐条重算审计记录的哈希链。完整时打印 OK；否则指出第一条被改动、删除或断链的记录并以状态 1 退出。"

    def handle(self, *args, **options):
        result = verify_chains()
        self.stdout.write(result.message)
        if not result.ok:
            raise SystemExit(1)

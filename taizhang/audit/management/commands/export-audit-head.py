from django.core.management.base import BaseCommand
from django.utils import timezone

from taizhang.audit.heads import head_export, head_file
from taizhang.audit.verify import verify_chains


class Command(BaseCommand):
    help = (
        "每天运行一次（cron 或 systemd 定时器）：先校验审计链，完整时把各链的链头追加到链头导出文件，并打印校验码；"
        "链已损坏时不导出，打印第一条问题记录并以状态 1 退出。"
    )

    def handle(self, *args, **options):
        result = verify_chains()
        if not result.ok:
            self.stdout.write(f"未导出：{result.message}")
            raise SystemExit(1)
        export = head_export()
        self.stdout.write(
            f"审计链校验码：{export.code}（截至 {timezone.localtime(export.at):%Y-%m-%d %H:%M}，"
            f"{len(export.chains)} 条链），已追加到 {head_file()}"
        )

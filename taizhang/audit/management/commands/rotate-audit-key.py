from django.core.management.base import BaseCommand

from taizhang.audit.keys import key_file
from taizhang.audit.services import audit_key_rotate


class Command(BaseCommand):
    help = (
        "更换审计签名密钥：新记录用新密钥签名，旧密钥留在密钥文件中，旧记录照常校验。"
        "更换后请把密钥文件再备份一份（它不在数据库备份里）。"
    )

    def handle(self, *args, **options):
        new_id = audit_key_rotate(actor=None)
        self.stdout.write(f"已启用审计密钥 {new_id}（密钥文件 {key_file()}），请另行备份该文件。")

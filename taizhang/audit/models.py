from django.conf import settings
from django.db import models

from taizhang.org.scoping import ScopedQuerySet


class AppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(ScopedQuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("审计记录只能追加，不能修改")

    def delete(self):
        raise AppendOnlyError("审计记录只能追加，不能删除")


class AuditEntry(models.Model):
    """One audited change. Entries are append-only and hash-chained per 单位 (chain_key), each link an HMAC under
    the audit key `key_id` (taizhang.audit.keys; 0: never signed, from before keys existed and not sealed)."""

    class Action(models.TextChoices):
        CREATE = "create", "新建"
        UPDATE = "update", "修改"
        VOID = "void", "作废"
        RESTORE = "restore", "恢复"
        IMPORT_CREATE = "import_create", "导入新建"
        IMPORT_UPDATE = "import_update", "导入修改"
        IMPORT = "import", "批量导入"
        EXPORT = "export", "导出"
        LOGIN = "login", "登录"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOCKED = "locked", "账号锁定"
        PASSWORD_RESET = "password_reset", "重置密码"
        DEACTIVATE = "deactivate", "停用"
        ACTIVATE = "activate", "启用"
        MOVE = "move", "调动"
        PRINT = "print", "打印"
        KEY_ROTATE = "key_rotate", "更换审计密钥"
        BACKUP_RESTORE = "backup_restore", "从备份恢复"

    chain_key = models.BigIntegerField(editable=False)
    chain_seq = models.BigIntegerField(editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    entry_hash = models.CharField(max_length=64, editable=False)
    key_id = models.PositiveIntegerField(default=0, editable=False)

    at = models.DateTimeField("时间", db_index=True)
    # Not indexed: the trail is searched by actor name; an index here would slow every import's audit batch.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    actor_name = models.CharField("操作人", max_length=150)
    ip = models.CharField("来源", max_length=64, blank=True)
    action = models.CharField("操作", max_length=32, choices=Action.choices)
    object_type = models.CharField("对象类型", max_length=64)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    unit_id = models.BigIntegerField(null=True, blank=True)
    community_id = models.BigIntegerField(null=True, blank=True)
    household_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    changes = models.JSONField("变更", default=dict, blank=True)
    reason = models.TextField("原因", blank=True)

    objects = AuditQuerySet.as_manager()
    SCOPE_FIELDS = ("unit_id", "community_id")

    class Meta:
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["chain_key", "chain_seq"], name="audit_chain_position_unique")]
        indexes = [models.Index(fields=["unit_id", "at"])]
        verbose_name = "审计记录"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("审计记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("审计记录只能追加，不能删除")


class AuditChainHead(models.Model):
    """The last link of each chain; locked while appending so links never fork."""

    chain_key = models.BigIntegerField(primary_key=True)
    length = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from taizhang.imports.models import ImportBatch
from taizhang.imports.services import batch_void


class Command(BaseCommand):
    help = "撤销一个导入批次：作废这一批新增的全部记录（须注明原因，留痕）；已有后续工作依赖的批次不能撤销。与“导入批次”页面的“撤销整批”相同。"

    def add_arguments(self, parser):
        parser.add_argument("batch", type=int, help="导入批次号（导入时打印的“导入批次: N”）")
        parser.add_argument("--reason", required=True, help="撤销原因")

    def handle(self, *args, batch, reason, **options):
        found = ImportBatch.objects.filter(pk=batch).first()
        if found is None:
            raise CommandError(f"没有导入批次 {batch}")
        try:
            voided = batch_void(batch=found, actor=None, reason=reason)
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from exc
        self.stdout.write(f"导入批次 {batch} 已撤销，作废记录 {voided} 条")

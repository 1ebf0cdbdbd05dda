import io
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from taizhang.integrity import services
from taizhang.integrity.detection import detect
from taizhang.integrity.exporting import write_blocks
from taizhang.integrity.kinds import kind_labels, unit_signal_modules
from taizhang.org.selectors import unit_by_name


class Command(BaseCommand):
    help = (
        "某单位某期间的疑点（只是值得核实的线索，不是结论），按模块分块以 CSV 输出：各模块的关键列、疑点类型、说明；"
        "一条疑点涉及几条记录就印几行，模块之间空一行。默认只计算、不保存；--record 则保存为疑点（供每晚定时核查），"
        "并在标准错误输出一行汇总。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="单位名称，如 新市镇")
        parser.add_argument("--from", dest="start", required=True, help="开始日期，如 2026-03-01")
        parser.add_argument("--to", dest="end", required=True, help="结束日期，如 2026-03-31")
        parser.add_argument("--module", help="只核查一个模块，如 assistance")
        parser.add_argument("--record", action="store_true", help="保存发现的疑点（新发现、再次发现、已消失）")

    def handle(self, *args, unit, start, end, module, record, **options):
        start, end = _day(start), _day(end)
        if end < start:
            raise CommandError("结束日期早于开始日期")
        node = unit_by_name(unit)
        specs = unit_signal_modules(node.pk)
        if module:
            specs = [spec for spec in specs if spec.key == module]
            if not specs:
                known = "、".join(s.key for s in unit_signal_modules(node.pk)) or "（无）"
                raise CommandError(f"{node.name}没有启用带疑点的模块“{module}”。可选：{known}")
        if not specs:
            raise CommandError(f"{node.name}启用的模块都没有疑点类型")
        keys = {spec.key for spec in specs}
        found = detect(node.pk, start, end, module_keys=keys)
        by_module = {spec.key: [item.finding for item in found if item.module.key == spec.key] for spec in specs}
        if record:
            run = services.signals_keep(
                actor=None, unit=node, start=start, end=end, found=found, module_keys=keys if module else None
            )
        stream = io.StringIO()
        write_blocks(stream, [(spec, by_module[spec.key]) for spec in specs], kind_labels())
        self.stdout.write(stream.getvalue(), ending="")
        if record:
            self.stderr.write(
                f"{node.name} {start:%Y-%m-%d} 至 {end:%Y-%m-%d}：发现 {run.found} 条（新 {run.new} 条，消失 {run.gone} 条）"
            )


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”格式不对，应为 YYYY-MM-DD，如 2026-03-31")

import csv
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from taizhang.people import pay
from taizhang.people.models import Cycle
from taizhang.people.pay_export import sheet_xlsx
from taizhang.people.rules.pay import PayRefused, parse_amount
from taizhang.people.selectors_pay import cycle_named


class Command(BaseCommand):
    help = (
        "按已锁定的考核结果计算一个周期的绩效薪酬（与发放表页面的预览相同，不确认、不写入）："
        "绩效基数 = 岗位工资 × 月数 × 本聘期年度绩效薪酬占比；总额默认为绩效基数之和；"
        "每人绩效薪酬 = 总额 × 绩效基数 × 等次系数 ÷ Σ(绩效基数 × 等次系数)，精确到分，合计等于总额。"
        "以 CSV 输出 用户名,姓名,绩效系数,绩效薪酬，最后一行为 合计,,,金额；-o 文件名.xlsx 另存为 Excel。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="单位名称，如 济北开发区")
        parser.add_argument("--cycle", required=True, help="考核周期，如 2020Q3")
        parser.add_argument("--pool", help="绩效薪酬总额（元），默认为绩效基数之和")
        parser.add_argument("-o", "--output", help="另存为 Excel 文件（.xlsx）")

    def handle(self, *args, unit, cycle, pool, output, **options):
        found = cycle_named(unit, cycle)
        if found.status != Cycle.Status.LOCKED:
            raise CommandError(f"{found.code} 的考核结果尚未锁定，锁定后才能计算绩效薪酬")
        if output and Path(output).suffix.lower() != ".xlsx":
            raise CommandError("输出文件应以 .xlsx 结尾")
        try:
            computed = pay.preview(found, pool_set=parse_amount(pool) if pool is not None else None)
        except PayRefused as exc:
            raise CommandError(str(exc))
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["用户名", "姓名", "绩效系数", "绩效薪酬"])
        for line in computed.lines:
            writer.writerow([line.user.username, line.user.full_name, line.coefficient, line.amount])
        writer.writerow(["合计", "", "", sum((line.amount for line in computed.lines), Decimal(0))])
        if output:
            Path(output).write_bytes(sheet_xlsx(found, computed.lines, status="预览"))
            self.stderr.write(f"已写入 {output}")

import csv

from django.core.management.base import BaseCommand, CommandError

from taizhang.enterprise import selectors_subsidies
from taizhang.enterprise.subsidies import FIRST_YEAR, LAST_YEAR
from taizhang.org.selectors import unit_by_name

COLUMNS = ["统一社会信用代码", "企业名称", "政策", "条款", "金额"]


class Command(BaseCommand):
    help = (
        "打印某单位某年度按政策条款计算的惠企资金（免申即享：按企业名录和年度数据核对，不需企业申请）为 CSV："
        "统一社会信用代码,企业名称,政策,条款,金额（元，精确到分）。与“免申即享”页面的名单一致。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="单位名称，如 济北开发区")
        parser.add_argument("--year", required=True, type=int, help="年度，如 2020")

    def handle(self, *args, unit, year, **options):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise CommandError(f"年度应在 {FIRST_YEAR}—{LAST_YEAR} 之间")
        node = unit_by_name(unit)
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(COLUMNS)
        for offer in selectors_subsidies.offers(node.pk, year, with_grants=False):
            clause = offer.clause
            writer.writerow(
                [
                    offer.uscc,
                    offer.enterprise_name,
                    clause.policy.name,
                    f"{clause.code} {clause.title}",
                    f"{offer.amount:.2f}",
                ]
            )

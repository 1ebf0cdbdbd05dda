from datetime import date

from django.core.management.base import BaseCommand, CommandError

from taizhang.renewal import rules
from taizhang.renewal.compensation import household_compensation
from taizhang.renewal.models import Agreement, ProjectHousehold
from taizhang.renewal.selectors import project_by_name

SEPARATOR = " | "
COLUMNS = ["项目", "计算依据", "金额（元）", "规则", "条款"]


def total_line(breakdown: rules.Breakdown) -> str:
    total = breakdown.total
    if breakdown.option == Agreement.Option.EXCHANGE:
        who = "（支付给被征收户）" if total >= 0 else "（被征收户应支付差价）"
    else:
        who = ""
    return f"合计{who}：{rules.money_text(abs(total))} 元（{rules.capital_yuan(abs(total))}）"


def breakdown_lines(breakdown: rules.Breakdown) -> list[str]:
    """One breakdown as printed: the lines (item | basis | amount | rule | clause), the excluded items, the total."""
    out = [f"【{breakdown.option}】", SEPARATOR.join(COLUMNS)]
    for line in breakdown.lines:
        out.append(SEPARATOR.join([line.item, line.basis, rules.money_text(line.amount), line.rule, line.clause]))
    if breakdown.excluded:
        out.append("不予补偿：")
        out.extend(f"  {item}：{reason}" for item, reason in breakdown.excluded)
    out.append(total_line(breakdown))
    return out


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期“{value}”看不懂，请写成 2020-09-10 这样的日期")


class Command(BaseCommand):
    help = (
        "按补偿政策计算一户的补偿明细，逐项列出项目、计算依据、金额、所依规则和政策条款，以及不予补偿的项目和原因。"
        "政策取签约日（未签约时取今天或 --on 指定的日期）已公布生效的版本；房屋、附属物取该户院落的当前测量记录"
        "（几户共有的院落按户数平均分摊），安置人数取当前认定人数；冻结日后新建和违法建设不予补偿。"
        "同样的数据总是得到同样的结果。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, help="项目名称")
        parser.add_argument("--household", required=True, help="户编号")
        parser.add_argument("--option", choices=Agreement.Option.values, help="只列一种补偿方式（默认两种都列）")
        parser.add_argument("--on", type=iso_date, help="未签约时按该日签约计算（YYYY-MM-DD，默认今天）")

    def handle(self, *args, project, household, option, on, **options):
        found = project_by_name(project)
        entry = (
            ProjectHousehold.objects.filter(project=found, household__household_no=household.strip())
            .select_related("project", "household__head")
            .first()
        )
        if entry is None:
            raise CommandError(f"项目“{found.name}”的征收范围内没有户 {household}")
        result = household_compensation(entry, on)
        head = entry.household.head.name if entry.household.head else ""
        self.stdout.write(f"{found.name} 户 {entry.household.household_no}" + (f"（户主 {head}）" if head else ""))
        if result.policy is None:
            raise CommandError(f"{result.on:%Y-%m-%d} 没有已公布生效的补偿政策")
        agreement = result.agreement
        signed = agreement is not None and agreement.signed_on is not None
        self.stdout.write(
            f"补偿政策：{result.policy.name}（{result.policy.effective_from:%Y-%m-%d} 起施行）；"
            + (f"签约日期 {result.on:%Y-%m-%d}" if signed else f"按 {result.on:%Y-%m-%d} 签约计算")
        )
        self.stdout.write(f"冻结日 {entry.project.freeze_date:%Y-%m-%d}，认定人数 {result.case.determined_persons} 人")
        if signed:
            self.stdout.write(
                f"协议 {agreement.number}：{agreement.option}，{agreement.get_status_display()}，"
                f"协议金额 {rules.money_text(agreement.amount)} 元（签约时确定）"
            )
        for breakdown in result.breakdowns:
            if option and breakdown.option != option:
                continue
            self.stdout.write("")
            for line in breakdown_lines(breakdown):
                self.stdout.write(line)

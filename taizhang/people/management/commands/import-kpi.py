from taizhang.people.commands import CycleImportCommand


class Command(CycleImportCommand):
    help = (
        "导入一个考核周期的KPI指标（.xlsx/.csv）。列：用户名、指标、权重、计分方式（线性/反向/达标/扣分）；可选列：目标值、"
        "实际值、下限、上限、扣分标准、佐证（留空按计分方式的默认值）。同一人的权重合计须为 100，导入后替换此人本周期原有的指标。"
        "整个文件要么全部导入，要么一行都不导入；有错时逐行打印错误并以状态 1 退出；导入后打印导入批次号，可整批撤销。"
    )
    ledger = "people.kpi"

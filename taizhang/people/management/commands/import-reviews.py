from taizhang.people.commands import CycleImportCommand


class Command(CycleImportCommand):
    help = (
        "导入一个考核周期的360°评议（.xlsx/.csv）。列：被考核人（用户名）、评价人类型（上级/同事/服务对象/本人）、评价人、"
        "得分（0–100）；可选列：意见。整个文件要么全部导入，要么一行都不导入；有错时逐行打印错误并以状态 1 退出。"
    )
    ledger = "people.reviews"

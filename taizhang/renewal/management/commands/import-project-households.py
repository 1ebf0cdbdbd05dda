from taizhang.renewal.commands import ProjectImportCommand


class Command(ProjectImportCommand):
    help = (
        "导入征收范围（红线内）的户名单（.xlsx/.csv），列：户编号。户须已在本单位户籍台账中、且位于项目涉及的村居；"
        "已在项目中的户保持不变。整个文件要么全部导入，要么一行都不导入；有错时打印错误并以状态 1 退出；导入后打印导入批次号，可整批撤销。"
    )
    ledger = "renewal.households"

from taizhang.renewal.commands import ProjectImportCommand


class Command(ProjectImportCommand):
    help = (
        "导入系统上线前的测量台账（.xlsx/.csv，UTF-8 或 GBK）。列：对象类型（院落/厂房）、编号、村居、户编号（厂房填企业名称；"
        "共用院落的多户用“、”分隔）、建筑结构、建筑面积、占地面积、测量日期、测量人（按原台账书写，多人用“、”分隔，"
        "与本单位人员账号姓名一致的自动关联）；可选列：房屋、层数、用途、证照情况、建成日期、土地性质。"
        "每行一处房屋，对象类型+编号+测量日期相同的各行为同一次测量；所列的户自动加入项目征收范围。"
        "整个文件要么全部导入，要么一行都不导入；有错时逐行打印错误并以状态 1 退出；导入后打印导入批次号，可整批撤销；重复导入同一文件不会重复登记。"
    )
    ledger = "renewal.measurements"

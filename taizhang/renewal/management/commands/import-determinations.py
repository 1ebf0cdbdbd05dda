from taizhang.renewal.commands import ProjectImportCommand


class Command(ProjectImportCommand):
    help = (
        "导入系统上线前的人口界定台账（.xlsx/.xls/.csv，UTF-8 或 GBK），列：户编号、姓名、身份证号、界定结果、理由、界定日期。"
        "界定结果按原台账照录，只能是认定/不认定/待定；每人须是该户（本单位户籍台账、项目涉及村居内）的在册成员，"
        "身份证号（全角、空格、小写 x 不影响）与姓名都要对上；文件中的户自动加入项目征收范围；系统中已界定的人不被覆盖。"
        "整个文件要么全部导入，要么一行都不导入；同一文件再导入不会改变任何数据；有错时打印错误并以状态 1 退出；导入后打印导入批次号，可整批撤销。"
    )
    ledger = "renewal.determinations"

"""Person-per-row exports in the import's own column layout, so an export can be edited and re-imported."""

from __future__ import annotations

import io

from django.utils import timezone

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_record
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.core.personal import BANK_ACCOUNT, ID_NUMBER, Disclosure
from taizhang.documents.tabular import write_csv, write_xlsx
from taizhang.org.models import OrgNode
from taizhang.registry.fields import ALL_COLUMNS, TEXT_COLUMNS
from taizhang.registry.models import Person


def export_rows(persons, personal: Disclosure):
    for p in persons.iterator(chunk_size=2000):
        id_number = personal.id_number(p["id_number"])
        account = personal.bank_account(p["household__bank_account"])
        yield [
            p["household__household_no"],
            p["household__community__name"],
            p["household__address"],
            p["name"],
            id_number,
            p["relation"],
            p["phone"],
            p["household__bank_name"],
            account,
            "是" if p["is_student"] else "",
            p["disability_category"],
            p["disability_grade"],
            p["employment"],
        ]


def household_export(
    *, actor, unit: OrgNode, community: OrgNode | None, fmt: str, personal: Disclosure, target=None
) -> tuple[str, bytes | None, int]:
    """Write the unit's (or one 村居's) persons the actor may see to xlsx/csv, the personal numbers as `personal`
    shows them (the actor's Disclosure, or a masked one when the actor did not ask for whole numbers); returns
    (filename, bytes or None, rows)."""
    # Through the actor's scope (a 村居's staff get their 村居 only); the command line (no actor) gets the unit.
    persons = Person.objects.visible_to(actor) if actor is not None else Person.objects.all()
    persons = persons.filter(unit=unit, status=RecordStatus.ACTIVE, household__status=RecordStatus.ACTIVE)
    if community is not None:
        persons = persons.filter(household__community=community)
    persons = persons.order_by("household__household_no", "id").values(
        "household__household_no",
        "household__community__name",
        "household__address",
        "name",
        "id_number",
        "relation",
        "phone",
        "household__bank_name",
        "household__bank_account",
        "is_student",
        "disability_category",
        "disability_grade",
        "employment",
    )
    count = persons.count()
    stream = target or io.BytesIO()
    rows = export_rows(persons, personal)
    if fmt == "csv":
        write_csv(stream, ALL_COLUMNS, rows)
    else:
        write_xlsx(stream, ALL_COLUMNS, rows, sheet_title="户籍台账", text_columns=TEXT_COLUMNS)
    scope = f"{unit.name}{'·' + community.name if community else ''}"
    audit_record(
        actor=actor,
        action=AuditEntry.Action.EXPORT,
        object_type="registry.export",
        object_repr=f"导出 {scope}",
        unit_id=unit.id,
        community_id=community.id if community else None,
        changes={
            "范围": [None, scope],
            "格式": [None, fmt],
            "行数": [None, count],
            "身份证号与银行账号": [None, _wholeness(personal)],
        },
    )
    stamp = timezone.localtime(clock.now()).strftime("%Y%m%d-%H%M")
    filename = f"户籍台账-{scope}-{stamp}.{fmt}"
    return filename, (stream.getvalue() if target is None else None), count


def _wholeness(personal: Disclosure) -> str:
    whole = personal.sees_whole(ID_NUMBER), personal.sees_whole(BANK_ACCOUNT)
    return {(True, True): "完整", (False, False): "脱敏"}.get(whole) or (
        "身份证号完整、银行账号脱敏" if whole[0] else "身份证号脱敏、银行账号完整"
    )


def template_workbook() -> bytes:
    """The blank import template: the columns, text-formatted ID/phone/account cells, and a sheet of instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from taizhang.registry.fields import REQUIRED_COLUMNS
    from taizhang.registry.models import DISABILITY_CATEGORIES, DISABILITY_GRADES, RELATIONS, Employment

    book = Workbook()
    sheet = book.active
    sheet.title = "户籍台账"
    for col, name in enumerate(ALL_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=col, value=name)
        cell.font = Font(bold=True, color="B02A37" if name in REQUIRED_COLUMNS else "000000")
        cell.fill = PatternFill("solid", fgColor="E9ECEF")
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = 22 if name in ("身份证号", "银行账号", "地址") else 12
        if name in TEXT_COLUMNS:
            sheet.column_dimensions[letter].number_format = "@"
            for row in range(2, 1002):
                sheet.cell(row=row, column=col).number_format = "@"
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("填写说明")
    lines = [
        ("一行一人，同一户的成员填写相同的户编号、村居和地址。", ""),
        ("红色表头为必填列：", "、".join(REQUIRED_COLUMNS)),
        ("每户必须有且只有一个“户主”。", "与户主关系可填：" + "、".join(RELATIONS)),
        ("身份证号、联系电话、银行账号列已设为“文本”格式，请勿改成数字，否则后几位会丢失。", ""),
        ("联系电话可留空；手机号为11位，固定电话需带区号，如 0531-88123456。", ""),
        ("开户银行、银行账号按户填写（填在户主一行即可），银行账号须通过校验。", ""),
        ("在校生填“是”或留空。", ""),
        ("残疾类别：", "、".join(DISABILITY_CATEGORIES)),
        ("残疾等级：", "、".join(DISABILITY_GRADES)),
        ("就业状态：", "、".join(v for v in Employment.values if v)),
        ("重复导入同一文件不会产生重复数据：户按户编号、人按身份证号匹配更新。", ""),
        ("任何一行有错时整个文件都不会导入，请按错误清单改正后重新导入。", ""),
    ]
    notes.column_dimensions["A"].width = 70
    notes.column_dimensions["B"].width = 80
    for line in lines:
        notes.append(line)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()

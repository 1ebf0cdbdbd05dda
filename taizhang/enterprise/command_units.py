"""The unit a yearly file of enterprises' figures belongs to when the command line does not name it: the one unit whose
register holds the file's 统一社会信用代码 (codes are unique within a unit, so a code may sit in two units' registers;
then the command asks for --unit)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError

from taizhang.documents.tabular import TableError, open_table
from taizhang.enterprise.models import Enterprise
from taizhang.enterprise.rules import uscc
from taizhang.org.models import OrgNode
from taizhang.org.selectors import unit_by_name

CODE = "统一社会信用代码"


def unit_for(name: str | None, path: Path) -> OrgNode:
    if name:
        return unit_by_name(name)
    try:
        table = open_table(str(path), path.name, columns=[CODE])
    except TableError as exc:
        raise CommandError(str(exc)) from exc
    try:
        index = table.headers.index(CODE) if CODE in table.headers else 0
        codes = {uscc.normalize(str(values[index] or "")) for _, values in table.rows}
    finally:
        table.close()
    units = list(
        OrgNode.objects.filter(pk__in=Enterprise.objects.filter(uscc__in=codes).values("unit_id")).order_by("name")
    )
    if len(units) == 1:
        return units[0]
    if not units:
        raise CommandError("文件中的统一社会信用代码都不在任何单位的企业名录中：请先导入企业名录，或用 --unit 指定单位")
    raise CommandError(f"文件中的企业分属 {'、'.join(u.name for u in units)}：请用 --unit 指定单位")

"""The import of the measurement ledgers kept in Excel before the system: parsed and checked row by row, then
applied in one transaction."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from taizhang.audit.models import AuditEntry
from taizhang.audit.services import audit_append
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.documents.cells import CellError, cell_date
from taizhang.documents.importing import DEFAULT_READING, LedgerImportReport, Reading, cell_text, open_for_import
from taizhang.documents.tabular import RowError
from taizhang.org.models import OrgNode, User
from taizhang.registry.models import Household
from taizhang.renewal import rules
from taizhang.renewal.measurements import MAX_AREA, BuildingIn, measurement_write
from taizhang.renewal.models import (
    CERTIFICATES,
    LAND_TYPES,
    STRUCTURES,
    USES,
    Measurement,
    Project,
    ProjectHousehold,
    Site,
)
from taizhang.renewal.projects import project_draft, require_manager
from taizhang.renewal.red_line import entries_ensure
from taizhang.renewal.selectors import SEPARATORS
from taizhang.renewal.sites import site_create

# --- the old ledgers' import --------------------------------------------------------------------

IMPORT_COLUMNS = ["对象类型", "编号", "村居", "户编号", "建筑结构", "建筑面积", "占地面积", "测量日期", "测量人"]
OPTIONAL_COLUMNS = ["房屋", "层数", "用途", "证照情况", "建成日期", "土地性质"]
KIND_WORDS = {
    "院落": Site.Kind.COURTYARD,
    "院": Site.Kind.COURTYARD,
    "厂房": Site.Kind.FACTORY,
    "厂": Site.Kind.FACTORY,
}


@dataclass
class _Group:
    """The rows of one measurement: the same 对象类型 + 编号 + 测量日期."""

    row: int
    kind: str
    number: str
    measured_on: date
    community: OrgNode
    owners: tuple[str, ...]  # household numbers (courtyards)
    enterprise: str  # factories
    land_type: str = ""
    site_area: Decimal | None = None
    measurers: str = ""
    buildings: list[BuildingIn] = field(default_factory=list)


def _names(value) -> list[str]:
    return [n for n in SEPARATORS.split(cell_text(value)) if n]


def _decimal(value, row_no: int, column: str, problems: list[RowError], *, required: bool) -> Decimal | None:
    text = cell_text(value).replace(",", "").removesuffix("㎡").removesuffix("m²").strip()
    if not text:
        if required:
            problems.append(RowError(row_no, column, None, f"{column}不能为空"))
        return None
    try:
        number = rules.m2(text)
    except (InvalidOperation, ValueError):
        problems.append(RowError(row_no, column, value, f"{column}应为数字（m²）"))
        return None
    if abs(number) > MAX_AREA:
        problems.append(RowError(row_no, column, value, f"{column}数值过大"))
        return None
    return number


class _Staff:
    """The unit's accounts by full name; a name two accounts share is kept as text, not guessed."""

    def __init__(self, project: Project):
        by_name = defaultdict(list)
        for user in User.objects.filter(unit_id=project.unit_id):
            if user.full_name:
                by_name[user.full_name].append(user)
        self.by_name = {name: users[0] for name, users in by_name.items() if len(users) == 1}

    def split(self, names: list[str]) -> tuple[list[User], list[str]]:
        return [self.by_name[n] for n in names if n in self.by_name], [n for n in names if n not in self.by_name]


def _signature(buildings) -> list[tuple]:
    return sorted((b.structure, rules.m2(b.floor_area), b.floors, b.use) for b in buildings)


def measurements_import(
    *,
    actor,
    project: Project,
    data,
    filename: str,
    dry_run: bool = False,
    reading: Reading = DEFAULT_READING,
    batch=None,
) -> LedgerImportReport:
    """The measurement ledgers kept in Excel before the system: one row a building, the rows of one 对象类型 +
    编号 + 测量日期 one measurement. Whole or nothing; a measurement already there (same site, date and buildings)
    is left as it is. What it writes (households added, sites, measurements) carries the import `batch`."""
    require_manager(actor, project)
    report = LedgerImportReport(filename=filename, noun="次测量")
    opened = open_for_import(report, data, filename, IMPORT_COLUMNS, OPTIONAL_COLUMNS, reading=reading)
    if opened is None:
        return report
    table, index = opened
    communities = {c.name: c for c in project.communities.all()}
    households = {
        h.household_no: h for h in Household.objects.filter(unit_id=project.unit_id).select_related("community")
    }
    staff = _Staff(project)
    sites = {(s.kind, s.number): s for s in Site.objects.filter(project=project).prefetch_related("owners__household")}
    existing = defaultdict(list)  # (site id, date) → building signatures of the valid measurements
    for m in Measurement.objects.filter(project=project, status=RecordStatus.ACTIVE).prefetch_related("buildings"):
        existing[(m.site_id, m.measured_on)].append(_signature(m.buildings.all()))
    groups: dict[tuple, _Group] = {}
    site_rows: dict[tuple, tuple] = {}  # (kind, number) → (row, community, owners, enterprise) first seen
    today = clock.today()

    def col(cells, name):
        return cells[index[name]] if name in index else None

    for row_no, cells in table.rows:
        report.rows += 1
        problems: list[RowError] = []
        kind_cell = cell_text(col(cells, "对象类型"))
        kind = KIND_WORDS.get(kind_cell)
        if kind is None:
            problems.append(RowError(row_no, "对象类型", kind_cell or None, "对象类型应为院落或厂房"))
        number = cell_text(col(cells, "编号"))
        if not number:
            problems.append(RowError(row_no, "编号", None, "编号不能为空"))
        village = cell_text(col(cells, "村居"))
        community = communities.get(village)
        if community is None:
            problems.append(
                RowError(
                    row_no,
                    "村居",
                    village or None,
                    f"村居应为本项目涉及的：{'、'.join(communities)}" if village else "村居不能为空",
                )
            )
        owner_cell = cell_text(col(cells, "户编号"))
        owners: tuple[str, ...] = ()
        enterprise = ""
        if kind == Site.Kind.FACTORY:
            enterprise = owner_cell
            if not enterprise:
                problems.append(RowError(row_no, "户编号", None, "厂房要在“户编号”列填写企业名称"))
        elif kind == Site.Kind.COURTYARD:
            owners = tuple(dict.fromkeys(_names(owner_cell)))
            if not owners:
                problems.append(RowError(row_no, "户编号", None, "院落要填写产权户的户编号（共用院落用“、”分隔）"))
            for no in owners:
                household = households.get(no)
                if household is None:
                    problems.append(
                        RowError(row_no, "户编号", no, f"{project.unit.name}户籍台账中没有这一户，请先导入户籍")
                    )
                elif household.status != RecordStatus.ACTIVE:
                    problems.append(RowError(row_no, "户编号", no, "该户已作废"))
                elif household.community.name not in communities:
                    problems.append(
                        RowError(row_no, "户编号", no, f"该户在{household.community.name}，不在项目涉及的村居内")
                    )
                elif community is not None and household.community_id != community.pk:
                    problems.append(
                        RowError(
                            row_no, "户编号", no, f"该户在{household.community.name}，与本行村居“{community.name}”不符"
                        )
                    )
        structure = cell_text(col(cells, "建筑结构"))
        if structure not in STRUCTURES:
            problems.append(RowError(row_no, "建筑结构", structure or None, f"建筑结构应为：{'、'.join(STRUCTURES)}"))
        floor_area = _decimal(col(cells, "建筑面积"), row_no, "建筑面积", problems, required=True)
        site_area = _decimal(col(cells, "占地面积"), row_no, "占地面积", problems, required=False)
        measured_on = None
        try:
            measured_on = cell_date(col(cells, "测量日期"), "测量日期")
            if measured_on > today:
                problems.append(RowError(row_no, "测量日期", measured_on, "测量日期不能晚于今天"))
            elif measured_on < project.start_date:
                problems.append(
                    RowError(row_no, "测量日期", measured_on, f"测量日期不能早于项目启动日期（{project.start_date}）")
                )
        except CellError as exc:
            problems.append(RowError(row_no, "测量日期", col(cells, "测量日期"), exc.message))
        measurer_list = list(dict.fromkeys(_names(col(cells, "测量人"))))
        measurers = "、".join(measurer_list)
        if len(measurer_list) < 2:
            problems.append(
                RowError(
                    row_no,
                    "测量人",
                    cell_text(col(cells, "测量人")) or None,
                    "测量须有两名不同的测量人，多人用“、”分隔",
                )
            )
        floors_text = cell_text(col(cells, "层数")) or "1"
        floors = int(floors_text) if floors_text.isdigit() and 1 <= int(floors_text) <= 200 else None
        if floors is None:
            problems.append(RowError(row_no, "层数", floors_text, "层数应为 1 到 200 的整数"))
        use = cell_text(col(cells, "用途")) or ("厂房" if kind == Site.Kind.FACTORY else "住宅")
        if use not in USES:
            problems.append(RowError(row_no, "用途", use, f"用途应为：{'、'.join(USES)}"))
        certificate = cell_text(col(cells, "证照情况")) or "有证"
        if certificate not in CERTIFICATES:
            problems.append(RowError(row_no, "证照情况", certificate, f"证照情况应为：{'、'.join(CERTIFICATES)}"))
        land_type = cell_text(col(cells, "土地性质"))
        if land_type and land_type not in LAND_TYPES:
            problems.append(RowError(row_no, "土地性质", land_type, "土地性质应为国有或集体"))
        built_on = None
        if cell_text(col(cells, "建成日期")):
            try:
                built_on = cell_date(col(cells, "建成日期"), "建成日期")
            except CellError as exc:
                problems.append(RowError(row_no, "建成日期", col(cells, "建成日期"), exc.message))
        if kind is not None and number and community is not None:
            # The same site on every row: its 村居 and owners (or enterprise), in the file and in the system.
            key = (kind, number)
            first = site_rows.setdefault(key, (row_no, community, owners, enterprise))
            if (first[1], set(first[2]), first[3]) != (community, set(owners), enterprise):
                problems.append(
                    RowError(
                        row_no,
                        "户编号" if first[1] == community else "村居",
                        owner_cell or village,
                        f"与第{first[0]}行的同一{Site.Kind(kind).label}（{number}）村居或产权人不同",
                    )
                )
            site = sites.get(key)
            if site is not None:
                known = ({o.household.household_no for o in site.owners.all()}, site.community_id, site.enterprise)
                if known != (set(owners), community.pk, enterprise):
                    problems.append(RowError(row_no, "编号", number, f"系统中已有{site}，其村居或产权人与本行不同"))
        if not problems:
            key = (kind, number, measured_on)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(
                    row_no, kind, number, measured_on, community, owners, enterprise, land_type, site_area, measurers
                )
            else:
                if site_area is not None and group.site_area is not None and site_area != group.site_area:
                    problems.append(
                        RowError(
                            row_no,
                            "占地面积",
                            site_area,
                            f"与第{group.row}行同一次测量的占地面积（{group.site_area}）不同",
                        )
                    )
                if set(measurers.split("、")) != set(group.measurers.split("、")):
                    problems.append(
                        RowError(
                            row_no, "测量人", measurers, f"与第{group.row}行同一次测量的测量人（{group.measurers}）不同"
                        )
                    )
                group.site_area = group.site_area if group.site_area is not None else site_area
                group.land_type = group.land_type or land_type
            label = cell_text(col(cells, "房屋")) or f"房屋{len(group.buildings) + 1}"
            group.buildings.append(
                BuildingIn(
                    floor_area=floor_area,
                    structure=structure,
                    label=label,
                    floors=floors,
                    use=use,
                    certificate=certificate,
                    built_on=built_on,
                )
            )
        for problem in problems:
            report.add(problem)
        if not problems and report.keeps:
            building = group.buildings[-1]
            report.keep(
                row_no,
                {
                    "对象": f"{Site.Kind(kind).label} {number}",
                    "测量日期": measured_on,
                    "村居": community,
                    "房屋": building.label,
                    "结构": building.structure,
                    "建筑面积": building.floor_area,
                    "层数": building.floors,
                    "用途": building.use,
                },
            )
    report.no_rows()
    new: list[_Group] = []
    for group in groups.values():
        site = sites.get((group.kind, group.number))
        if site is not None and (site.pk, group.measured_on) in existing:
            if _signature(group.buildings) in existing[(site.pk, group.measured_on)]:
                report.unchanged += 1
                continue
            report.add(
                RowError(
                    group.row,
                    "测量日期",
                    group.measured_on,
                    f"系统中已有{site}在这一天的测量，且房屋不同；复测请在系统中录入",
                )
            )
            continue
        new.append(group)
    report.created = len(new)
    if report.ok and not dry_run:
        if new:  # a re-import that changes nothing leaves no trace either
            _apply_import(actor, project, new, households, staff, sites, report, batch)
        report.applied = True
    return report


@transaction.atomic
def _apply_import(
    actor,
    project: Project,
    new: list[_Group],
    households: dict,
    staff: _Staff,
    sites: dict,
    report: LedgerImportReport,
    batch,
) -> None:
    reason = f"导入文件 {report.filename}"
    named = {no for g in new for no in g.owners}
    entries = entries_ensure(
        actor=actor,
        project=project,
        households=[households[no] for no in sorted(named)],
        source=ProjectHousehold.Source.MEASUREMENT,
        reason=reason,
        batch=batch,
    )
    for group in sorted(new, key=lambda g: (g.kind, g.number, g.measured_on)):
        site = sites.get((group.kind, group.number))
        if site is None:
            site = sites[(group.kind, group.number)] = site_create(
                actor=None,
                project=project,
                kind=group.kind,
                number=group.number,
                community=group.community,
                owners=[entries[households[no].pk] for no in group.owners],
                enterprise=group.enterprise,
                land_type=group.land_type,
                reason=reason,
                batch=batch,
            )
        site.project = project
        users, names = staff.split(group.measurers.split("、"))
        measurement_write(
            actor,
            site,
            measured_on=group.measured_on,
            measurers=users,
            measurer_names=names,
            buildings=group.buildings,
            attachments=[],
            site_area=group.site_area,
            owner_confirmation=None,
            sketch=None,
            photos=[],
            note="",
            source=Measurement.Source.IMPORT,
            reason=reason,
            batch=batch,
        )
    report.applied = True
    audit_append(
        [
            project_draft(
                project,
                AuditEntry.Action.IMPORT,
                "renewal.import",
                "",
                report.filename[:200],
                {"结果": [None, report.summary()]},
            )
        ],
        actor=actor,
    )

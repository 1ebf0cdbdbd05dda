"""The filtered trail as a workbook: what the page lists, every entry rather than a page of 50."""

from __future__ import annotations

import io

from django.utils import timezone

from taizhang.audit.labels import action_labels, object_type_labels
from taizhang.core.personal import Disclosure
from taizhang.core.templatetags.taizhang import change_shown
from taizhang.documents.tabular import write_xlsx

COLUMNS = ["时间", "操作人", "来源", "操作", "对象类型", "对象", "变更", "原因"]
MAX_ROWS = 100_000  # a workbook Excel still opens comfortably; the title says when the trail was longer


def changes_text(changes: dict, personal: Disclosure) -> str:
    """ "标签：旧 → 新；…" (a new value alone for a new record), as the audit page shows them to `personal`."""
    parts = []
    for label, pair in changes.items():
        before, after = pair if isinstance(pair, list) and len(pair) == 2 else (None, pair)
        shown = change_shown(label, after, personal)
        parts.append(
            f"{label}：{shown}" if before is None else f"{label}：{change_shown(label, before, personal)} → {shown}"
        )
    return "；".join(parts)


def trail_rows(entries, personal: Disclosure):
    actions, types = action_labels(), object_type_labels()
    for e in entries.iterator(chunk_size=2000):
        yield [
            timezone.localtime(e.at).replace(tzinfo=None),
            e.actor_name,
            e.ip,
            actions.get(e.action, e.action),
            types.get(e.object_type, e.object_type),
            personal.text(e.object_repr),
            changes_text(e.changes, personal),
            personal.text(e.reason),
        ]


def trail_workbook(entries, *, personal: Disclosure, title: str) -> bytes:
    total = entries.count()
    if total > MAX_ROWS:
        title += f"（共 {total:,} 条，仅含最近 {MAX_ROWS:,} 条，请缩小查询范围）"
    stream = io.BytesIO()
    write_xlsx(stream, COLUMNS, trail_rows(entries[:MAX_ROWS], personal), sheet_title="审计记录", title=title)
    return stream.getvalue()

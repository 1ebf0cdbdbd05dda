"""The footer of a ledger: the signature lines (填表人：…  审核人：…), the dates, the totals and the notes
written below the data.  A data row starts with its 序号 or a name, never with one of these words."""

from __future__ import annotations

# Words a footer row starts with (its first non-blank cell, spaces removed).
FOOTER_WORDS: tuple[str, ...] = (
    "单位负责人",
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "审批人",
    "负责人",
    "统计人",
    "制表日期",
    "填表日期",
    "填报日期",
    "报送日期",
    "填表说明",
    "填报单位",
    "合计",
    "总计",
    "小计",
)
# Words that are a footer only when a colon follows: 注意事项 or a person called 联系人某 are not.
FOOTER_LABELS: tuple[str, ...] = ("联系人", "注", "说明", "备注", "制表", "审核", "填表", "填报")
TOTALS: frozenset[str] = frozenset({"合计", "总计", "小计"})
_COLONS = ("：", ":")

# First characters of every footer word: the row loop only looks closer at rows starting with one.
FOOTER_STARTS: frozenset[str] = frozenset(word[0] for word in FOOTER_WORDS + FOOTER_LABELS)


def footer_word(text: str) -> str | None:
    """The footer word ``text`` starts with ('填表人', '合计', '注' …), or None for ordinary cell text."""
    text = "".join(text.split())
    for word in FOOTER_WORDS:
        if text.startswith(word):
            return word
    for word in FOOTER_LABELS:
        if text.startswith(word) and text[len(word) : len(word) + 1] in _COLONS:
            return word
    return None


def row_footer_word(values: list) -> str | None:
    """The footer word a row's first non-blank cell starts with, or None."""
    for value in values:
        if value is not None:
            return footer_word(value) if isinstance(value, str) else None
    return None


def is_note_line(values: list, used: int) -> bool:
    """A row with a single text cell: below 注：/ 填表人：, the next line of the notes, not data."""
    cells = [v for v in values[:used] if v is not None]
    return len(cells) == 1 and isinstance(cells[0], str)

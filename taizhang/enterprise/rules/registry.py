"""Reading the registry's ledgers as offices type them: amounts in 万元, land in 亩, energy in 吨标准煤 (thousands
separators allowed), and what an import row changes on a record. Pure: ValueError carries the reason in Chinese."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_NOISE = re.compile(r"[,，\s]")
LARGEST = Decimal(10) ** 11  # 1,000 亿 in 万元: beyond it the column's unit is wrong
LARGEST_MU = Decimal(10) ** 7


def parse_amount(text: str, *, places: int = 4, largest: Decimal = LARGEST, example: str = "1285.6") -> Decimal | None:
    """A non-negative number rounded half up to `places` decimals; None for an empty cell."""
    cleaned = _NOISE.sub("", text or "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"应是数字，如 {example}")
    if not value.is_finite():
        raise ValueError(f"应是数字，如 {example}")
    if value < 0:
        raise ValueError("不能为负数")
    if value >= largest:
        raise ValueError("数值过大，请核对计量单位")
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def parse_land(text: str) -> Decimal | None:
    """用地面积 in 亩, to two decimals."""
    return parse_amount(text, places=2, largest=LARGEST_MU, example="35.5")


def parse_energy(text: str) -> Decimal | None:
    """综合能耗 in 吨标准煤, to two decimals."""
    return parse_amount(text, places=2, example="860")


def as_json(value) -> object:
    """A field's value as the import history stores it (Decimals as text, so that 1.50 stays 1.50)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted(value)
    return value


def changed(before: Mapping[str, object], after: Mapping[str, object]) -> dict[str, list]:
    """{field: [before, after]} for the fields whose value differs."""
    return {key: [before.get(key), value] for key, value in after.items() if before.get(key) != value}

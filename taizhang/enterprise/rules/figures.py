"""Figures derived from an enterprise's yearly figures: 亩均税收, 研发投入强度, 单位产值能耗 (half up)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def _ratio(numerator: Decimal | None, denominator: Decimal | None, scale: int, places: str) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return (numerator * scale / denominator).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def tax_per_mu(tax: Decimal | None, land_mu: Decimal | None) -> Decimal | None:
    """亩均税收 in 万元 per 亩; None without land."""
    return _ratio(tax, land_mu, 1, "0.01")


def rd_intensity(rd: Decimal | None, revenue: Decimal | None) -> Decimal | None:
    """研发投入强度: R&D spending over revenue, in %."""
    return _ratio(rd, revenue, 100, "0.01")


def energy_per_output(energy: Decimal | None, output: Decimal | None) -> Decimal | None:
    """单位产值能耗 in 吨标准煤 per 万元 of output."""
    return _ratio(energy, output, 1, "0.0001")

"""A year's comparison file of 新市镇 (standing in for a zone) and four peer zones, and how the tests import it."""

from taizhang.documents.importing import Target
from taizhang.imports.ledgers import declared
from taizhang.imports.services import import_run
from tests.conftest import csv_bytes

HEADER = ["开发区", "指标", "数值"]
PEERS = ["济南新材料产业园", "商河经济开发区", "平阴工业园", "济北开发区（旧址）"]
# 营业收入, 规上工业总产值, 一般公共预算收入, 固定资产投资, 实际利用外资, 亩均税收, 研发经费投入强度, 单位增加值能耗, 高新技术产业产值占比
FIGURES = {
    "新市镇": ["520", "410", "31.5", "88", "5200", "28.5", "2.9", "0.42", "46.5"],
    "济南新材料产业园": ["610", "480", "35", "95", "6100", "31", "3.1", "0.51", "52"],
    "商河经济开发区": ["300", "220", "18", "60", "2100", "19", "1.8", "0.63", "30"],
    "平阴工业园": ["300", "260", "20", "70", "", "22", "2.2", "0.39", "35"],
    "济北开发区（旧址）": ["150", "90", "9", "40", "800", "12", "1.1", "0.75", "18"],
}
NAMES = [
    "营业收入",
    "规上工业总产值",
    "一般公共预算收入",
    "固定资产投资",
    "实际利用外资",
    "亩均税收",
    "研发经费投入强度",
]
NAMES += ["单位增加值能耗", "高新技术产业产值占比"]


def figure_rows(figures=FIGURES) -> list[list[str]]:
    return [
        [zone, name, value]
        for zone, values in figures.items()
        for name, value in zip(NAMES, values, strict=True)
        if value
    ]


def figures_file(rows=None) -> bytes:
    return csv_bytes(figure_rows() if rows is None else rows, header=HEADER)


def import_figures(unit, year, data=None, actor=None, filename="figures.csv"):
    target = Target(unit=unit, label=f"{unit.name} {year}", kwargs={"year": year})
    return import_run(
        ledger=declared("people.zone_figures"),
        actor=actor,
        target=target,
        data=figures_file() if data is None else data,
        filename=filename,
    )

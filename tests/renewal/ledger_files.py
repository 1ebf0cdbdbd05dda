"""The renewal ledgers as the street office keeps them: a title merged across above the header, the rows, and the
signatures below — for the page and browser tests of the import pipeline."""

import io

import openpyxl

FOOTER = ["填表人：刘洋", None, None, "审核人：陈静", None, "填表日期：2020年9月30日"]


def titled_workbook(title: str, header: list[str], rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    sheet.append(FOOTER)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

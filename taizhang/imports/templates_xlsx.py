"""A ledger's blank template: its columns (required ones marked), one example row, every column text-formatted so
that ID numbers and phone numbers typed into it stay as written."""

from __future__ import annotations

import io

from taizhang.documents.importing import Ledger
from taizhang.documents.tabular import write_xlsx


def template_workbook(ledger: Ledger) -> bytes:
    headers = [f"{name}*" for name in ledger.required] + list(ledger.optional)
    example = [ledger.examples.get(name, "") for name in ledger.columns]
    out = io.BytesIO()
    write_xlsx(out, headers, [example], sheet_title=ledger.title[:31], text_columns=headers)
    return out.getvalue()

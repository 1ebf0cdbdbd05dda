"""Reading and writing spreadsheets (xlsx / xls / csv) for imports and exports.

Reading streams rows from python-calamine (Excel) or the ``csv`` module, turning
each cell into a Python value exactly once.  Every problem a user can cause is
reported as a :class:`TableError` whose ``message`` is Simplified Chinese, so the
import pages can show it as-is.

This package deliberately has no Django imports: it is used from management
commands, services and tests alike. Its modules: ``reading`` (open_table, which
hands over to ``excel`` or ``csv_files``; ``rows`` holds the Table and the cell
cleaning both share, and the row loop), ``finding`` (the header among the top rows), ``footers``,
``headers`` and ``synonyms``, ``errors`` and ``writing``; the public names
are re-exported here.
"""

from taizhang.documents.tabular.errors import RowError, TableError
from taizhang.documents.tabular.headers import (
    Column,
    HeaderLookup,
    HeaderMatch,
    match_headers,
    normalize_header,
    split_columns,
)
from taizhang.documents.tabular.reading import open_table
from taizhang.documents.tabular.rows import Table
from taizhang.documents.tabular.synonyms import COMMON_SYNONYMS
from taizhang.documents.tabular.writing import error_workbook, write_csv, write_xlsx

__all__ = [
    "TableError",
    "Table",
    "open_table",
    "HeaderMatch",
    "HeaderLookup",
    "Column",
    "split_columns",
    "COMMON_SYNONYMS",
    "match_headers",
    "normalize_header",
    "RowError",
    "write_xlsx",
    "write_csv",
    "error_workbook",
]

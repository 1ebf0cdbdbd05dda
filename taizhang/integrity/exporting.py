"""Signals as CSV: one row per record and signal, the module's key columns then 疑点类型 and 说明 (a signal about two
visits prints both). The commands and the list's download write the same rows."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from taizhang.core.findings import Finding


def finding_rows(findings: Iterable[Finding], labels: dict[str, str]) -> list[list[str]]:
    return [[*record.columns, labels.get(f.kind, f.kind), f.detail] for f in findings for record in f.records]


def write_csv(stream: TextIO, columns: Iterable[str], findings: Iterable[Finding], labels: dict[str, str]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([*columns, "疑点类型", "说明"])
    writer.writerows(finding_rows(findings, labels))

"""Signals as CSV: one row per record and signal, the module's key columns then 疑点类型 and 说明 (a signal about two
visits prints both). The commands and the list's download write the same rows."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from taizhang.core.findings import Finding, FindingRecord
from taizhang.core.manifest import ModuleSpec


def finding_rows(findings: Iterable[Finding], labels: dict[str, str]) -> list[list[str]]:
    return [[*record.columns, labels.get(f.kind, f.kind), f.detail] for f in findings for record in f.records]


def write_csv(stream: TextIO, columns: Iterable[str], findings: Iterable[Finding], labels: dict[str, str]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([*columns, "疑点类型", "说明"])
    writer.writerows(finding_rows(findings, labels))


def write_blocks(
    stream: TextIO, blocks: Iterable[tuple[ModuleSpec, Iterable[Finding]]], labels: dict[str, str]
) -> None:
    """Several modules' findings, each under its own header (its key columns differ), separated by a blank line."""
    for number, (spec, findings) in enumerate(blocks):
        if number:
            stream.write("\n")
        write_csv(stream, spec.signal_columns, findings, labels)


def as_finding(signal) -> Finding:
    """A kept signal as the finding it was: the list's download prints the same rows as the command."""
    return Finding(
        kind=signal.kind,
        day=signal.day,
        detail=signal.detail,
        records=tuple(FindingRecord(**{**r, "columns": tuple(r.get("columns", ()))}) for r in signal.records),
        community_id=signal.community_id,
    )

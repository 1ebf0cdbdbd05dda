"""The masking walk's machinery, next to the scoping walk (tests/scoping_walk.py) and walking the same routes.

Every route of the URL conf (pages, PDFs, exports, API, audit), filled by its owner's factories exactly as the
scoping walk fills it, is requested by a user who reads ID numbers masked, and what came back is read as that user
would read it: an HTML or JSON body as text, a PDF's text, every cell of a workbook, a CSV. A page that offers a
download (a `format=` link) is downloaded too. No full ID number or bank account of the data may be in any of them.
A module adds its routes to this walk the way it adds them to the scoping walk: by its URL conf and its manifest's
`scoping_factories`.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from django.apps import apps

from tests.conftest import pdf_text
from tests.scoping_walk import Walk

FORMAT_LINK = re.compile(r"format=(xlsx|csv|xls)")
# What the walk must not GET: leaving the session, and pages that only redirect to a file the walk gets itself.
SKIPPED = ("logout/",)


def full_numbers() -> dict[str, str]:
    """Every whole ID number and bank account stored anywhere (any model's id_number or bank_account field),
    each with where it came from."""
    found: dict[str, str] = {}
    for model in apps.get_models():
        names = [f.name for f in model._meta.get_fields() if f.name in ("id_number", "bank_account")]
        for name in names:
            for value in model._base_manager.exclude(**{name: ""}).values_list(name, flat=True).distinct():
                if value and len(value) >= 12:
                    found[value.upper()] = f"{model._meta.label}.{name}"
    return found


def readable(response) -> str:
    """What the user reads in a response: the text of a page, of JSON, of a PDF, of every cell of a workbook."""
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    content_type = response.get("Content-Type", "")
    if body.startswith(b"%PDF") and len(body) > 64:
        return pdf_text(body)
    if body.startswith(b"PK") and zipfile.is_zipfile(io.BytesIO(body)):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell
        )
    if body.startswith(b"\xd0\xcf\x11\xe0"):  # .xls
        import xlrd

        book = xlrd.open_workbook(file_contents=body)
        return "\n".join(
            str(sheet.cell_value(r, c))
            for sheet in book.sheets()
            for r in range(sheet.nrows)
            for c in range(sheet.ncols)
        )
    if content_type.startswith("image/"):
        return ""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            continue
    return body.decode("latin-1")


@dataclass(frozen=True)
class Leak:
    url: str
    number: str
    source: str

    def __str__(self) -> str:
        return f"{self.url} shows {self.source} {self.number}"


def leaks_in(url: str, text: str, numbers: dict[str, str]) -> list[Leak]:
    upper = text.upper()
    return [Leak(url, number, source) for number, source in numbers.items() if number in upper]


SEARCH_BOX = 'name="q"'
SEARCH_TERM = "张"  # the base case's households are 张三's


def _joined(url: str, query: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query}"


def follow_ups(url: str, text: str) -> list[str]:
    """What a page leads to that the walk reads too: its downloads, and its search results."""
    urls = [_joined(url, f"format={f}") for f in sorted(set(FORMAT_LINK.findall(text)))]
    if SEARCH_BOX in text:
        urls.append(_joined(url, f"q={SEARCH_TERM}"))
    return urls


def walk_as(client, walk: Walk, world, numbers: dict[str, str]) -> tuple[list[Leak], int]:
    """Every route as the logged-in client's user; the leaks found and how many responses were read."""
    leaks: list[Leak] = []
    read = 0
    for route in walk.routes():
        if route.pattern in SKIPPED:
            continue
        pending = [walk.fill(route, world)]
        first = True
        while pending:
            url = pending.pop()
            response = client.get(url)
            if response.status_code != 200:
                continue
            try:
                text = readable(response)
            except Exception as exc:
                raise AssertionError(f"{url}: cannot read what it answered ({response.get('Content-Type')})") from exc
            read += 1
            leaks += leaks_in(url, text, numbers)
            if first:
                pending += follow_ups(url, text)
                first = False
    return leaks, read

"""HTML → PDF with WeasyPrint, with CJK fonts and sane table defaults.

No Django imports: callers render their template to a string first.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from urllib.parse import urlsplit

__all__ = ["render_pdf", "cjk_font_available", "column_widths", "DEFAULT_CSS", "CJK_FONT_FAMILIES"]

CJK_FONT_FAMILIES = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'

# Applied as a user stylesheet: a document's own <style> rules override it.
DEFAULT_CSS = f"""
@page {{
    size: A4;
    margin: 15mm;
    @bottom-center {{
        content: "第 " counter(page) " 页 / 共 " counter(pages) " 页";
        font-family: {CJK_FONT_FAMILIES};
        font-size: 9pt;
        color: #555;
    }}
}}
html {{
    font-family: {CJK_FONT_FAMILIES};
    font-size: 10.5pt;
    line-height: 1.5;
}}
body {{
    font-family: {CJK_FONT_FAMILIES};
    margin: 0;
}}
h1 {{ font-size: 16pt; text-align: center; margin: 0 0 4mm; }}
h2 {{ font-size: 13pt; margin: 4mm 0 2mm; }}
table {{
    border-collapse: collapse;
    width: 100%;
    max-width: 100%;
    margin: 2mm 0;
}}
th, td {{
    border: 1px solid #333;
    padding: 1mm 1.5mm;
    vertical-align: top;
    word-break: break-all;
    overflow-wrap: anywhere;
}}
th {{ background: #eef2f7; font-weight: bold; }}
/* A long table sets its columns once (<colgroup> from column_widths) instead of WeasyPrint measuring every cell's
   shortest and longest line again on every page: a 13-page table lays out twice as fast. */
table.fixed {{ table-layout: fixed; }}
/* Helpers for templates: keep short cells (names, amounts) on one line, and
   put very wide tables on landscape pages. */
.nowrap {{ white-space: nowrap; }}
.num {{ text-align: right; white-space: nowrap; }}
@page landscape {{ size: A4 landscape; }}
.landscape {{ page: landscape; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; }}
img {{ max-width: 100%; }}
"""


@lru_cache(maxsize=1)
def _default_stylesheet():
    import weasyprint

    return weasyprint.CSS(string=DEFAULT_CSS)


def _scoped_url_fetcher(base_url: str | None):
    """A fetcher that only loads data: URLs and resources on the base URL's
    origin, so text that slipped into the HTML cannot make the server fetch
    arbitrary files or hosts.  Returns None (WeasyPrint's default) on
    WeasyPrint versions without the URLFetcher class."""
    import weasyprint

    fetcher_class = getattr(weasyprint, "URLFetcher", None)
    if fetcher_class is None:  # pragma: no cover - WeasyPrint < 66
        return None

    allowed: tuple[str, ...] = ("data:",)
    if base_url:
        parts = urlsplit(base_url)
        if parts.scheme in ("http", "https") and parts.netloc:
            allowed += (f"{parts.scheme}://{parts.netloc}/",)
        else:  # a file-system path or file: URL
            allowed += ("file:",)

    class ScopedURLFetcher(fetcher_class):
        def fetch(self, url, headers=None):
            if not url.startswith(allowed):
                raise ValueError(f"resource outside the document's base URL is not loaded: {url}")
            return super().fetch(url, headers)

    return ScopedURLFetcher(timeout=10)


def render_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render an HTML string to PDF bytes (A4, CJK fonts, page numbers).

    ``base_url`` resolves relative URLs (images, stylesheets); only resources
    under it (same origin, or local files for a path) and data: URLs are loaded.
    """
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_scoped_url_fetcher(base_url))
    return document.write_pdf(stylesheets=[_default_stylesheet()])


def _text_width(value) -> int:
    """Printed width in half-width characters: a CJK character or full-width form counts 2."""
    text = str(value)
    return len(text) + sum(1 for ch in text if ord(ch) >= 0x2E80)


def column_widths(columns: list[str], rows, *, line: int = 110, sample: int = 300) -> list[float]:
    """Percent widths for a fixed-layout table about `line` half-width characters wide (A4 portrait at 9pt).

    Each column needs its widest header or cell among the first `sample` rows, plus room for the padding. Columns
    that fit their fair share keep what they need, so a 户编号 never wraps; the rest share what is left in proportion
    to their needs (and wrap), as a browser's automatic layout would, without measuring each cell again per page."""
    needs = [_text_width(c) + 2 for c in columns]
    for n, row in enumerate(rows):
        if n >= sample:
            break
        for i, cell in enumerate(row[: len(needs)]):
            needs[i] = max(needs[i], _text_width("" if cell is None else cell) + 2)
    if sum(needs) <= line:
        return [round(100 * need / sum(needs), 2) for need in needs]
    widths: dict[int, float] = {}
    left, room = set(range(len(needs))), float(line)
    while left:
        fair = room / len(left)
        fitting = {i for i in left if needs[i] <= fair}
        if not fitting:
            wrapping = sum(needs[i] for i in left)
            widths.update({i: room * needs[i] / wrapping for i in left})
            break
        widths.update({i: float(needs[i]) for i in fitting})
        room -= sum(needs[i] for i in fitting)
        left -= fitting
    return [round(100 * widths[i] / line, 2) for i in range(len(needs))]


def cjk_font_available() -> bool:
    """True when fontconfig knows a font covering Chinese (``fc-list :lang=zh``)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    try:
        result = subprocess.run(
            [fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=15, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0 and bool(result.stdout.strip())

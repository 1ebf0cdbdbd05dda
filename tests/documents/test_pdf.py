"""HTML → PDF: taizhang.documents.pdf."""

import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.documents.pdf import cjk_font_available, column_widths, render_pdf

COLUMNS = ["户编号", "姓名", "身份证号", "与户主关系", "联系电话", "住址", "银行卡号", "补贴金额", "备注"]
LONG_ADDRESS = "北京市东城区东华门街道某某社区一号院二号楼三单元四零一室" * 2


def wide_table_html(rows: int = 12) -> str:
    head = "".join(f"<th>{c}</th>" for c in COLUMNS)
    body = "".join(
        "<tr>"
        f"<td>H{i:07d}</td><td>张三丰</td><td>11010119900307451{i % 10}</td><td>户主</td>"
        f"<td>1380013800{i % 10}</td><td>{LONG_ADDRESS}</td><td>622202123456789012{i % 10}</td>"
        f"<td>{1200 + i}.50</td><td>{'低保户' if i % 2 else ''}</td>"
        "</tr>"
        for i in range(rows)
    )
    return (
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>台账</title></head><body>"
        "<h1>东华门街道低保户台账</h1>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        "<p>制表单位：东城区民政局</p><p>经办人：张三丰</p>"
        "</body></html>"
    )


def pdftotext(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_it_renders_html_to_a_pdf():
    pdf = render_pdf(wide_table_html())
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 1000


def test_a_cjk_font_is_installed():
    assert cjk_font_available(), "no Chinese font: apt-get install fonts-wqy-microhei"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_chinese_text_comes_out_as_real_glyphs_not_tofu(tmp_path):
    if not cjk_font_available():
        pytest.skip("no Chinese font installed (fc-list :lang=zh is empty): apt-get install fonts-wqy-microhei")
    text = pdftotext(render_pdf(wide_table_html()), tmp_path)
    compact = "".join(text.split())
    for expected in ("东华门街道低保户台账", "身份证号", "制表单位：东城区民政局", "经办人：张三丰"):
        assert expected in compact, expected


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) is not installed")
def test_the_chinese_font_is_embedded(tmp_path):
    if not cjk_font_available():
        pytest.skip("no Chinese font installed (fc-list :lang=zh is empty): apt-get install fonts-wqy-microhei")
    path = tmp_path / "out.pdf"
    path.write_bytes(render_pdf("<p>你好，世界</p>"))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts or "NotoSansCJK" in fonts or "SourceHanSans" in fonts, fonts


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pages_are_numbered_in_chinese(tmp_path):
    pdf = render_pdf(wide_table_html(rows=60))
    text = pdftotext(pdf, tmp_path)
    pages = text.count("\f")
    assert pages >= 2
    compact = "".join(text.split())  # pdftotext drops the spaces between CJK glyphs
    assert f"第1页/共{pages}页" in compact
    assert f"第{pages}页/共{pages}页" in compact


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_a_long_unbroken_id_wraps_inside_its_cell_instead_of_overflowing(tmp_path):
    long_id = "9" * 300
    html = f"<table><tr><td>编号</td><td>{long_id}</td></tr></table>"
    text = pdftotext(render_pdf(html), tmp_path)
    lines_with_digits = [line for line in text.splitlines() if "9" in line]
    assert len(lines_with_digits) > 1  # wrapped onto several lines
    assert text.count("9") == 300  # and nothing was cut off


def pdfinfo_page_sizes(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "info.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(path)], capture_output=True, text=True, check=True)
    return [
        line.split(":", 1)[1].strip() for line in out.stdout.splitlines() if line.startswith("Page") and "size" in line
    ]


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) is not installed")
def test_pages_are_a4_by_default_and_document_styles_override_the_defaults(tmp_path):
    assert pdfinfo_page_sizes(render_pdf("<p>你好</p>"), tmp_path)[0].startswith("595.276 x 841.89")
    a5 = render_pdf("<style>@page { size: A5 landscape }</style><p>你好</p>")
    assert pdfinfo_page_sizes(a5, tmp_path)[0].startswith("595.276 x 419.528")


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="pdfinfo (poppler-utils) is not installed")
def test_the_landscape_class_puts_a_wide_table_on_landscape_pages(tmp_path):
    html = "<p>封面</p><table class='landscape'><tr><td>张三</td></tr></table>"
    sizes = pdfinfo_page_sizes(render_pdf(html), tmp_path)
    assert sizes[0].startswith("595.276 x 841.89")
    assert sizes[1].startswith("841.89 x 595.276")


def image_count(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "images.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return len(out.splitlines()) - 2  # two header lines


@pytest.mark.skipif(shutil.which("pdfimages") is None, reason="pdfimages (poppler-utils) is not installed")
def test_it_loads_resources_under_the_base_url_and_nothing_else(tmp_path):
    from PIL import Image

    Image.new("RGB", (8, 8), "red").save(tmp_path / "seal.png")
    # Relative to a base_url path: loaded.
    assert image_count(render_pdf('<img src="seal.png"><p>印章</p>', base_url=str(tmp_path) + "/"), tmp_path) == 1
    # Without a base_url an absolute file: URL (or any other host) is not fetched; rendering still succeeds.
    blocked = render_pdf(f'<img src="file://{tmp_path}/seal.png"><img src="http://169.254.169.254/x.png"><p>印章</p>')
    assert blocked.startswith(b"%PDF")
    assert image_count(blocked, tmp_path) == 0
    # With an http base_url, local files are not reachable either.
    other = render_pdf(f'<img src="file://{tmp_path}/seal.png"><p>印章</p>', base_url="http://127.0.0.1:9/")
    assert image_count(other, tmp_path) == 0


@pytest.mark.parametrize(
    "columns, rows, expected",
    [
        # Everything fits on the line: widths in proportion to what each column needs.
        (["户编号", "村居"], [["XS001", "新市村"]], [50.0, 50.0]),
        (["编号", "说明"], [["1", "一二三四五六七"]], [27.27, 72.73]),
        # Too wide: short columns keep their width (户编号 never wraps), long ones share the rest.
        (["户编号", "缺项", "错项"], [["XS001", "缺" * 60, "错" * 30]], [7.27, 61.48, 31.25]),
    ],
)
def test_column_widths_keep_short_columns_whole_and_share_the_rest(columns, rows, expected):
    assert column_widths(columns, rows) == expected


@given(
    st.lists(
        st.lists(st.text(alphabet="户编号XS0123456789新市村缺项", max_size=80), min_size=3, max_size=3), max_size=20
    )
)
def test_column_widths_always_fill_the_line_and_give_every_column_room(rows):
    widths = column_widths(["户编号", "村居", "情况"], rows)
    assert abs(sum(widths) - 100) < 0.05 and all(w > 1 for w in widths)


def test_a_fixed_layout_table_prints_every_row(tmp_path):
    rows = [[f"XS{i:05d}", "新市村", "身份证复印件、帮扶计划、收入台账"] for i in range(120)]
    widths = column_widths(["户编号", "村居", "缺项"], rows)
    body = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    cols = "".join(f'<col style="width: {w}%">' for w in widths)
    html = f"<table class='fixed'><colgroup>{cols}</colgroup><tbody>{body}</tbody></table>"
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = pdftotext(render_pdf(html), tmp_path)
    assert all(f"XS{i:05d}" in text for i in range(120))

"""The kernel's small form helpers every module's pages share."""

import pytest

from taizhang.core.forms import download_format


@pytest.mark.parametrize(
    "query, offered, expected",
    [
        ({"format": "xlsx"}, ("xlsx",), "xlsx"),
        ({"format": "csv"}, ("xlsx", "csv"), "csv"),
        ({"format": "pdf"}, ("xlsx",), ""),  # not offered by the page: the page itself
        ({"format": "XLSX"}, ("xlsx",), ""),
        ({}, ("xlsx",), ""),
        ({"format": ""}, ("pdf",), ""),
    ],
)
def test_a_download_is_only_a_format_the_page_offers(query, offered, expected):
    assert download_format(query, *offered) == expected

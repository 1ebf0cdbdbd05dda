"""The cookie that tells a data-pdf link its file has started to arrive (core/downloads.js)."""

from taizhang.registry.models import Household


def test_a_pdf_asked_for_with_a_token_sets_the_cookie(client, seeded):
    client.force_login(seeded.xs_admin)
    household = Household.objects.get(household_no="XS001")
    response = client.get(f"/registry/households/{household.pk}/pdf/", {"download_token": "abc123XYZ9"})
    assert response["Content-Type"] == "application/pdf"
    assert response.cookies["download_token"].value == "abc123XYZ9"


def test_a_page_or_a_malformed_token_sets_no_cookie(client, seeded):
    client.force_login(seeded.xs_admin)
    household = Household.objects.get(household_no="XS001")
    assert "download_token" not in client.get("/registry/households/", {"download_token": "abc123XYZ9"}).cookies
    bad = client.get(f"/registry/households/{household.pk}/pdf/", {"download_token": "<script>x</script>"})
    assert "download_token" not in bad.cookies

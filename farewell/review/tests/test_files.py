import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from farewell.cases.models import Attachment
from farewell.testing.intake import send_testimony

pytestmark = pytest.mark.django_db
HTML = b"<html><script>alert(1)</script>" + os.urandom(100_000)


@pytest.fixture
def case_with_file(keys):
    files = [SimpleUploadedFile("приказ <b>.html", HTML, content_type="text/html")]
    send_testimony(Client(), "С файлом", consent="text_media", files=files)
    return Attachment.objects.get()


def test_a_reviewer_downloads_the_original_only_as_an_attachment(case_with_file, alice):
    browser = alice.signed_in_client()
    page = browser.get(f"/review/en/cases/{case_with_file.case_id}/").content.decode()
    assert "приказ &lt;b&gt;.html" in page and "SHA-256" in page
    response = browser.get(f"/review/cases/{case_with_file.case_id}/files/{case_with_file.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == HTML
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_nobody_else_downloads_it(case_with_file, alice, carol):
    path = f"/review/cases/{case_with_file.case_id}/files/{case_with_file.pk}/"
    assert Client().get(path).status_code == 302
    assert carol.signed_in_client().get(path).status_code == 403
    assert (
        alice.signed_in_client()
        .get(f"/review/cases/{case_with_file.case_id + 1}/files/{case_with_file.pk}/")
        .status_code
        == 404
    )

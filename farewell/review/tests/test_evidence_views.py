"""The evidence export on the case page: POST makes it, the page shows the passphrase once, its
button downloads the archive once within ten minutes; nobody else gets it."""

import io
import json
import logging
import os
import re
import time

import pytest
import pyzipper
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from farewell.audit.models import AuditEntry
from farewell.cases.evidence_check import check_archive
from farewell.cases.models import Case
from farewell.review import actions, evidence_downloads
from farewell.testing.dump import assert_not_at_rest
from farewell.testing.intake import send_testimony
from farewell.web.sessions import store_for
from farewell.web.sites import REVIEW

pytestmark = pytest.mark.django_db
PHOTO = os.urandom(50_000)


@pytest.fixture
def legal_case(alice):
    send_testimony(Client(), "Я видел, как расстреляли пленных.", files=[SimpleUploadedFile("a.jpg", PHOTO)])
    case = Case.objects.get()
    actions.do_take(case.pk, alice.desk())
    actions.do_decide(case.pk, "route_to_legal", "пленные", alice.desk())
    return case


def exported(browser, case):
    page = browser.post(f"/review/en/cases/{case.pk}/evidence/")
    assert page.status_code == 200
    html = page.content.decode()
    passphrase = re.search(r'id="passphrase">([^<]+)<', html).group(1)
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    return page, passphrase, token


def test_the_case_page_offers_the_export_for_legal_documentation_only(legal_case, submitted_case, alice):
    browser = alice.signed_in_client()
    assert "Export the evidence" in browser.get(f"/review/en/cases/{legal_case.pk}/").content.decode()
    assert "Export the evidence" not in browser.get(f"/review/en/cases/{submitted_case.pk}/").content.decode()
    actions.do_take(submitted_case.pk, alice.desk())
    actions.do_set_legal_hold(submitted_case.pk, True, alice.desk())
    assert "Export the evidence" in browser.get(f"/review/en/cases/{submitted_case.pk}/").content.decode()


def test_a_reviewer_exports_sees_the_passphrase_once_and_downloads_once(legal_case, alice, caplog):
    caplog.set_level(logging.DEBUG)
    browser = alice.signed_in_client()
    page, passphrase, token = exported(browser, legal_case)
    assert "no-store" in page["Cache-Control"]
    assert passphrase not in page.get("Location", "") and "Download the archive" in page.content.decode()
    assert_not_at_rest(passphrase)  # the archive waiting in exports/ is encrypted; the passphrase is nowhere
    download = browser.post(f"/review/en/cases/{legal_case.pk}/evidence/download/", {"token": token})
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"] == f'attachment; filename="farewell-case-{legal_case.pk}-evidence.zip"'
    assert "no-store" in download["Cache-Control"] and download["X-Content-Type-Options"] == "nosniff"
    data = b"".join(download.streaming_content)
    assert check_archive(io.BytesIO(data), passphrase) == []
    archive = pyzipper.AESZipFile(io.BytesIO(data))
    archive.setpassword(passphrase.encode())
    assert archive.read("testimony/files/01.jpg") == PHOTO
    assert json.loads(archive.read("manifest.json"))["case"] == legal_case.pk
    assert list(evidence_downloads._directory().iterdir()) == []  # deleted once downloaded
    again = browser.post(f"/review/en/cases/{legal_case.pk}/evidence/download/", {"token": token})
    assert again.status_code == 404 and "already used or has expired" in again.content.decode()
    assert AuditEntry.objects.filter(action="evidence_exported", case_id=legal_case.pk).count() == 1
    assert "alice: exported the evidence" in browser.get(f"/review/en/cases/{legal_case.pk}/").content.decode()
    assert passphrase not in caplog.text and token not in caplog.text
    store = store_for(REVIEW)
    sessions = store.get_model_class().objects.all()
    assert sessions and all(passphrase not in json.dumps(store().decode(row.session_data)) for row in sessions)
    assert_not_at_rest(passphrase)


def test_the_download_expires_after_ten_minutes(legal_case, alice):
    browser = alice.signed_in_client()
    _page, _passphrase, token = exported(browser, legal_case)
    (waiting,) = evidence_downloads._directory().iterdir()
    eleven_minutes_ago = time.time() - 11 * 60
    os.utime(waiting, (eleven_minutes_ago, eleven_minutes_ago))
    response = browser.post(f"/review/en/cases/{legal_case.pk}/evidence/download/", {"token": token})
    assert response.status_code == 404
    assert list(evidence_downloads._directory().iterdir()) == []


def test_the_download_is_the_exporting_reviewers_alone(legal_case, alice, bob):
    _page, _passphrase, token = exported(alice.signed_in_client(), legal_case)
    path = f"/review/en/cases/{legal_case.pk}/evidence/download/"
    assert bob.signed_in_client().post(path, {"token": token}).status_code == 404
    assert Client().post(path, {"token": token}).status_code == 302
    assert alice.signed_in_client().post(path, {"token": token + "x"}).status_code == 404
    response = alice.signed_in_client().post(path, {"token": token})
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"PK")


def test_nobody_else_exports(legal_case, submitted_case, alice, carol):
    assert Client().post(f"/review/cases/{legal_case.pk}/evidence/").url == "/review/sign-in/"
    refused = carol.signed_in_client().post(f"/review/en/cases/{legal_case.pk}/evidence/", follow=True)
    assert "You have not been granted the key" in refused.content.decode()
    refused = alice.signed_in_client().post(f"/review/en/cases/{submitted_case.pk}/evidence/", follow=True)
    assert "Only a case in legal documentation or under legal hold" in refused.content.decode()
    assert alice.signed_in_client().get(f"/review/cases/{legal_case.pk}/evidence/").status_code == 405
    assert not AuditEntry.objects.filter(action="evidence_exported").exists()
    assert list(evidence_downloads._directory().iterdir()) == []

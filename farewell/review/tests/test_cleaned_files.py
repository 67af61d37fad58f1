"""The case page shows each file's cleaning: progress, the cleaned copy, what was removed, and a
flag on files that can never be published."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from farewell.anonymize.media.report import REFUSALS
from farewell.cases.models import Attachment
from farewell.jobs import queue, worker
from farewell.jobs.models import Job
from farewell.review.files import REFUSAL_MESSAGES
from farewell.testing.intake import send_testimony
from farewell.testing.media import identifying, photo_with_metadata
from farewell.testing.pages import visible_text

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def case_with_files(keys, tmp_path):
    photo = photo_with_metadata(tmp_path / "IMG_0001.jpg").read_bytes()
    files = [
        SimpleUploadedFile("IMG_0001.jpg", photo, content_type="image/jpeg"),
        SimpleUploadedFile("archive.rar", b"Rar!\x1a\x07\x00" + b"\x00" * 64, content_type="application/x-rar"),
    ]
    send_testimony(Client(), "С файлами", consent="text_media", files=files)
    return list(Attachment.objects.order_by("position"))


def page_of(browser, attachment) -> str:
    return browser.get(f"/review/en/cases/{attachment.case_id}/").content.decode()


def test_files_wait_then_show_their_cleaned_copy_or_a_flag(case_with_files, alice, worker_context):
    photo, archive = case_with_files
    browser = alice.signed_in_client()
    assert page_of(browser, photo).count("Waiting to be cleaned") == 2

    worker.run(worker_context, once=True)

    files = visible_text(page_of(browser, photo), "files")
    assert "Cleaned copy: cleaned-1.jpg" in files and "0 faces hidden" in files
    assert "Cannot be cleaned: this file will never be published." in files
    assert "This kind of file cannot be cleaned" in files
    assert "metadata items found and removed" in files and "Canon" in files  # the reviewer sees what went


def test_a_running_job_shows_its_progress(case_with_files, alice):
    job = queue.claim(Job.objects.get(attachment=case_with_files[0], kind="clean").pk, "w")
    queue.renew(job, 37)
    assert "Cleaning in progress" in page_of(alice.signed_in_client(), case_with_files[0])
    assert 'value="37"' in page_of(alice.signed_in_client(), case_with_files[0])


def test_the_cleaned_copy_downloads_as_an_attachment_without_metadata(case_with_files, alice, worker_context, tmp_path):
    worker.run(worker_context, once=True)
    photo = case_with_files[0]
    response = alice.signed_in_client().get(f"/review/cases/{photo.case_id}/files/{photo.pk}/cleaned/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream" and "sandbox" in response["Content-Security-Policy"]
    assert 'filename="cleaned-1.jpg"' in response["Content-Disposition"]
    (tmp_path / "downloaded.jpg").write_bytes(b"".join(response.streaming_content))
    assert identifying(tmp_path / "downloaded.jpg") == []


def test_nobody_else_downloads_the_cleaned_copy(case_with_files, alice, carol, worker_context):
    worker.run(worker_context, once=True)
    photo, archive = case_with_files
    path = f"/review/cases/{photo.case_id}/files/{photo.pk}/cleaned/"
    assert Client().get(path).status_code == 302
    assert carol.signed_in_client().get(path).status_code == 403
    refused = f"/review/cases/{archive.case_id}/files/{archive.pk}/cleaned/"
    assert alice.signed_in_client().get(refused).status_code == 404  # a refused file has no cleaned copy


def test_every_refusal_code_has_a_translated_message():
    assert set(REFUSAL_MESSAGES) == set(REFUSALS)

"""Files from case page to archive: previews made by the worker, boxes burned in, the voice never
published without consent, approvals covering the exact parts, and the archive showing them."""

import hashlib
import io

import av
import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from PIL import Image

from farewell.archive.models import PublishedPart, Testimony
from farewell.cases.models import Attachment, Case, Rendition
from farewell.jobs import worker
from farewell.jobs.models import Job
from farewell.review import actions, file_decisions
from farewell.review.actions import NotAllowed
from farewell.review.models import FileDecision
from farewell.testing.checklist import tick_checklist
from farewell.testing.intake import send_testimony
from farewell.testing.media import identifying, photo_with_metadata
from farewell.testing.pages import visible_text

pytestmark = pytest.mark.django_db(transaction=True)
STORY = "Нас отправили без подготовки."


@pytest.fixture(autouse=True)
def in_english_with_public_media(settings, tmp_path):
    settings.FAREWELL_PUBLIC_MEDIA_DIR = tmp_path / "public"
    with translation.override("en"):
        yield


def white_photo(tmp_path, size=(200, 100)) -> bytes:
    photo = photo_with_metadata(tmp_path / "IMG_0001.jpg", size=size)
    Image.new("RGB", size, (240, 240, 240)).save(photo, quality=95, exif=Image.open(photo).getexif())
    return photo.read_bytes()


def sent(files, consent="text_media") -> Attachment:
    send_testimony(Client(), STORY, consent=consent, files=files)
    translation.activate("en")  # the intake's request left its language active in this thread
    return Attachment.objects.order_by("-pk").first()


@pytest.fixture
def photo(keys, tmp_path):
    return sent([SimpleUploadedFile("IMG_0001.jpg", white_photo(tmp_path), content_type="image/jpeg")])


def taken(attachment, desk):
    actions.do_take(attachment.case_id, desk)
    actions.do_set_publication(attachment.case_id, desk, title="Без подготовки", language="ru")


def choose(attachment, desk, *, publish=True, voice="transcript"):
    file_decisions.do_set_file_choice(attachment.case_id, attachment.pk, desk, publish=publish, voice=voice)


def box(x, y, w, h, **more):
    return file_decisions.clean_box(more.get("page"), x, y, w, h, more.get("start"), more.get("end"))


def pixels(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("L"), dtype=float)


def test_a_cleaned_photo_gets_a_preview_on_the_case_page(photo, alice, worker_context):
    worker.run(worker_context, once=True)
    preview = Rendition.objects.get(attachment=photo, purpose="preview")
    assert preview.content_type == "image/png"
    assert not Rendition.objects.filter(attachment=photo, purpose="publish").exists()  # not chosen yet
    browser = alice.signed_in_client()
    page = browser.get(f"/review/en/cases/{photo.case_id}/").content.decode()
    assert f"/renditions/{preview.pk}/" in page and "Preparing the preview" not in page
    response = browser.get(f"/review/cases/{photo.case_id}/files/{photo.pk}/renditions/{preview.pk}/")
    assert response["Content-Type"] == "image/png" and "sandbox" in response["Content-Security-Policy"]
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).format == "PNG"
    assert Client().get(f"/review/cases/{photo.case_id}/files/{photo.pk}/renditions/{preview.pk}/").status_code == 302


def test_a_box_is_burned_into_what_is_published_and_the_archive_shows_it(photo, alice, bob, worker_context, tmp_path):
    taken(photo, alice.desk())
    worker.run(worker_context, once=True)
    choose(photo, alice.desk())
    file_decisions.do_add_box(photo.case_id, photo.pk, alice.desk(), box(10, 20, 30, 40))
    worker.run(worker_context, once=True)
    part = Rendition.objects.get(attachment=photo, purpose="publish")
    assert part.revision == FileDecision.objects.get(attachment=photo).revision and part.boxes == 1

    assert actions.do_approve(photo.case_id, alice.desk()) == Case.Status.APPROVED_ONCE
    tick_checklist(photo.case_id, bob.desk())
    assert actions.do_approve(photo.case_id, bob.desk()) == Case.Status.PUBLISHED
    testimony = Testimony.objects.get()
    published = PublishedPart.objects.get(file__testimony=testimony)
    path = tmp_path / "public" / published.name
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == published.sha256
    grey = pixels(data)
    height, width = grey.shape
    inside = grey[int(0.25 * height) : int(0.55 * height), int(0.13 * width) : int(0.37 * width)]
    outside = grey[int(0.7 * height) :, int(0.6 * width) :]
    assert inside.max() < 30 and outside.min() > 200  # black where the box is, the photo elsewhere
    assert identifying(path) == []
    assert "IMG_0001" not in published.name

    page = Client().get(f"/t/{testimony.public_id}/")
    assert f"/media/{published.name}" in page.content.decode()
    served = Client().get(f"/media/{published.name}")
    assert served["Content-Type"] == published.content_type and served["X-Content-Type-Options"] == "nosniff"
    assert b"".join(served.streaming_content) == data


def test_approval_waits_for_the_parts_and_covers_them(photo, alice, bob, worker_context):
    taken(photo, alice.desk())
    with pytest.raises(NotAllowed, match="not cleaned"):
        choose(photo, alice.desk())
    worker.run(worker_context, once=True)
    choose(photo, alice.desk())
    with pytest.raises(NotAllowed, match="still being prepared"):
        actions.do_approve(photo.case_id, alice.desk())
    worker.run(worker_context, once=True)
    actions.do_approve(photo.case_id, alice.desk())

    file_decisions.do_add_box(photo.case_id, photo.pk, alice.desk(), box(0, 0, 50, 50))
    assert not Case.objects.get(pk=photo.case_id).approvals.exists()  # a new box voids the approval
    assert Job.objects.get(attachment=photo, kind="render").state == Job.State.QUEUED
    worker.run(worker_context, once=True)
    actions.do_approve(photo.case_id, alice.desk())
    mac = Case.objects.get(pk=photo.case_id).approvals.get().content_mac

    # The same choices with a different part on disk would be different content.
    rendition = Rendition.objects.get(attachment=photo, purpose="publish")
    assert mac == actions.content_mac(Case.objects.get(pk=photo.case_id), bob.desk())
    rendition.revision = 0
    rendition.save()
    with pytest.raises(NotAllowed, match="content changed"):
        actions.do_approve(photo.case_id, bob.desk())
    assert not Case.objects.get(pk=photo.case_id).approvals.exists()


def test_a_file_not_chosen_is_not_published(photo, alice, bob, worker_context):
    taken(photo, alice.desk())
    worker.run(worker_context, once=True)
    actions.do_approve(photo.case_id, alice.desk())
    tick_checklist(photo.case_id, bob.desk())
    actions.do_approve(photo.case_id, bob.desk())
    assert Testimony.objects.count() == 1 and not PublishedPart.objects.exists()


def test_text_only_consent_never_publishes_files(keys, tmp_path, alice):
    attachment = sent([SimpleUploadedFile("a.jpg", white_photo(tmp_path), content_type="image/jpeg")], consent="text")
    taken(attachment, alice.desk())
    with pytest.raises(NotAllowed, match="did not consent"):
        choose(attachment, alice.desk())


def test_boxes_are_checked(photo, alice):
    assert box(90, 90, 50, 50) == {"page": None, "x": 0.9, "y": 0.9, "w": 0.1, "h": 0.1, "start": None, "end": None}
    for bad in [(float("nan"), 0, 10, 10), (0, 0, 0, 10), (100, 0, 10, 10)]:
        with pytest.raises(NotAllowed):
            box(*bad)
    with pytest.raises(NotAllowed):
        box(0, 0, 10, 10, start=5, end=2)
    with pytest.raises(NotAllowed):
        box(0, 0, 10, 10, page=0)
    taken(photo, alice.desk())
    decision = file_decisions.decision_for(photo)
    decision.boxes = [box(0, 0, 1, 1)] * file_decisions.MAX_BOXES
    decision.save()
    with pytest.raises(NotAllowed, match="at most"):
        file_decisions.do_add_box(photo.case_id, photo.pk, alice.desk(), box(5, 5, 1, 1))
    file_decisions.do_add_boxes(photo.case_id, photo.pk, alice.desk(), [box(0, 0, 1, 1)])  # already there: no-op


def test_the_box_form_works_without_javascript(photo, alice, worker_context):
    taken(photo, alice.desk())
    browser = alice.signed_in_client()
    base = f"/review/en/cases/{photo.case_id}/files/{photo.pk}"
    response = browser.post(f"{base}/boxes/add/", {"x": "10", "y": "10", "w": "20", "h": "20"}, follow=True)
    assert FileDecision.objects.get(attachment=photo).boxes[0]["w"] == 0.2
    response = browser.post(f"{base}/boxes/add/", {"x": "abc", "y": "10", "w": "20", "h": "20"}, follow=True)
    assert "Enter a number." in visible_text(response.content.decode(), "messages") or "Enter a number." in (
        response.content.decode()
    )
    browser.post(f"{base}/boxes/1/remove/")
    assert FileDecision.objects.get(attachment=photo).boxes == []


def wav_of_speech(tmp_path) -> bytes:
    """A short recording of a synthetic voice saying something (espeak-ng), as WAV."""
    from farewell.anonymize.media import voice

    path = tmp_path / "speech.wav"
    voice.synthesize("Нас отправили без подготовки, и командир это знал.", "ru", path)
    return path.read_bytes()


@pytest.fixture
def recording(keys, tmp_path):
    return sent([SimpleUploadedFile("voice.wav", wav_of_speech(tmp_path), content_type="audio/wav")])


def test_a_recording_publishes_its_transcript_not_the_voice(recording, alice, bob, worker_context):
    taken(recording, alice.desk())
    worker.run(worker_context, once=True)
    choose(recording, alice.desk(), voice="original")  # chosen, but the submitter never consented for it
    worker.run(worker_context, once=True)
    with pytest.raises(NotAllowed, match="type its transcript"):
        actions.do_approve(recording.case_id, alice.desk())
    file_decisions.do_set_transcript(recording.case_id, recording.pk, alice.desk(), "Нас отправили без подготовки.")
    worker.run(worker_context, once=True)
    assert not Rendition.objects.filter(attachment=recording, purpose="publish").exists()
    actions.do_approve(recording.case_id, alice.desk())
    tick_checklist(recording.case_id, bob.desk())
    actions.do_approve(recording.case_id, bob.desk())
    published = Testimony.objects.get().files.get()
    assert published.transcript == "Нас отправили без подготовки." and not published.parts.exists()


def test_the_transcript_is_sealed(recording, alice):
    taken(recording, alice.desk())
    file_decisions.do_set_transcript(recording.case_id, recording.pk, alice.desk(), "Командир Сомов")
    decision = FileDecision.objects.get(attachment=recording)
    assert b"Somov" not in bytes(decision.transcript.ciphertext) and "Сомов".encode() not in bytes(
        decision.transcript.ciphertext
    )
    assert file_decisions.transcript_of(decision, alice.desk()) == "Командир Сомов"


def test_the_synthetic_reading_is_published_with_the_transcript(recording, alice, bob, worker_context, tmp_path):
    taken(recording, alice.desk())
    worker.run(worker_context, once=True)
    choose(recording, alice.desk(), voice="synthetic")
    file_decisions.do_set_transcript(recording.case_id, recording.pk, alice.desk(), "Нас отправили без подготовки.")
    worker.run(worker_context, once=True)
    actions.do_approve(recording.case_id, alice.desk())
    tick_checklist(recording.case_id, bob.desk())
    actions.do_approve(recording.case_id, bob.desk())
    part = PublishedPart.objects.get()  # the reading only: the recording itself is not published
    assert part.content_type == "audio/ogg" and part.file.transcript == "Нас отправили без подготовки."
    with av.open(str(tmp_path / "public" / part.name)) as container:
        assert container.streams.audio[0].codec_context.name == "opus" and container.duration > 1_000_000


def test_choosing_an_altered_voice_draws_sealed_parameters_once(recording, alice, worker_context):
    taken(recording, alice.desk())
    worker.run(worker_context, once=True)
    choose(recording, alice.desk(), voice="altered")
    decision = FileDecision.objects.get(attachment=recording)
    first = decision.treatment_id
    assert first is not None
    choose(recording, alice.desk(), voice="transcript")
    choose(recording, alice.desk(), voice="altered")
    assert FileDecision.objects.get(attachment=recording).treatment_id == first
    page = alice.signed_in_client().get(f"/review/en/cases/{recording.case_id}/").content.decode()
    assert "Weaker protection" in page


def test_a_document_is_published_as_pages_with_what_its_text_review_found_covered(
    keys, alice, bob, worker_context, tmp_path
):
    from farewell.testing.media import text_pdf

    order = text_pdf(tmp_path / "order.pdf", ["Order for Sergeant John Smith,", "call sign Falcon."]).read_bytes()
    document = sent([SimpleUploadedFile("order.pdf", order, content_type="application/pdf")])
    taken(document, alice.desk())
    worker.run(worker_context, once=True)
    browser = alice.signed_in_client()
    page = browser.get(f"/review/en/cases/{document.case_id}/").content.decode()
    found = visible_text(page, f"found-{document.pk}")
    assert "person · John Smith · page 1" in found and "Cover it" in found, found

    browser.post(f"/review/en/cases/{document.case_id}/files/{document.pk}/boxes/found/", {})  # cover everything
    boxes = FileDecision.objects.get(attachment=document).boxes
    assert len(boxes) >= 2 and all(b["page"] == 1 for b in boxes)
    choose(document, alice.desk())
    worker.run(worker_context, once=True)
    actions.do_approve(document.case_id, alice.desk())
    tick_checklist(document.case_id, bob.desk())
    actions.do_approve(document.case_id, bob.desk())

    part = PublishedPart.objects.get()  # the page as a picture, never the PDF
    assert part.content_type == "image/png" and part.page == 1
    grey = pixels((tmp_path / "public" / part.name).read_bytes())
    height, width = grey.shape
    for box in boxes:
        region = grey[int(box["y"] * height) + 2 : int((box["y"] + box["h"]) * height) - 2,
                      int(box["x"] * width) + 2 : int((box["x"] + box["w"]) * width) - 2]  # fmt: skip
        assert region.max() < 30  # the name under the box is gone
    assert (grey < 128).mean() > 0.001  # the rest of the text is still there


def test_a_refused_render_is_shown_and_blocks_publication_of_that_file(keys, alice, worker_context, tmp_path):
    from farewell.testing.media import text_pdf

    order = text_pdf(tmp_path / "order.pdf", ["One page only."]).read_bytes()
    document = sent([SimpleUploadedFile("order.pdf", order, content_type="application/pdf")])
    taken(document, alice.desk())
    worker.run(worker_context, once=True)
    choose(document, alice.desk())
    file_decisions.do_add_box(document.case_id, document.pk, alice.desk(), box(0, 0, 10, 10, page=5))
    worker.run(worker_context, once=True)
    assert Job.objects.get(attachment=document, kind="render").state == Job.State.REFUSED
    assert not Rendition.objects.filter(attachment=document).exists()
    page = alice.signed_in_client().get(f"/review/en/cases/{document.case_id}/").content.decode()
    assert "The preview could not be made" in page and "a page this document does not have" in page
    translation.activate("en")
    with pytest.raises(NotAllowed, match="could not be prepared"):
        actions.do_approve(document.case_id, alice.desk())

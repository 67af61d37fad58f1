"""Files on the intake form: encrypted while they stream, within limits, never lost or half-kept."""

import errno
import hashlib
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from farewell.cases.models import Attachment, Case
from farewell.testing.dump import assert_not_at_rest
from farewell.testing.intake import send_testimony
from farewell.testing.pages import codename_on, element_text, form_token_on
from farewell.vault import storage
from farewell.vault.store import file_metadata, read_file
from farewell.vault.stream import EncryptingWriter

pytestmark = pytest.mark.django_db

PHOTO = b"\xff\xd8\xff\xe0 FILEMARKER-31f7 " + os.urandom(300_000)


def upload(name, data=PHOTO, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def send(client, files, story="История с файлами"):
    return send_testimony(client, story, consent="text_media", files=files, language="en")


def incoming_is_empty():
    return not any(storage.root("incoming").iterdir())


def test_files_are_stored_encrypted_with_an_encrypted_hash_and_name(client, channel_private_key):
    page = send(client, [upload("IMG_0001 NAMEMARKER-8c2a.jpg"), upload("voice.ogg", b"OggS" + os.urandom(5000))])
    assert codename_on(page.content.decode())
    assert element_text(page.content.decode(), "files-received") == "2 files were received with it."
    case = Case.objects.get()
    first = case.attachments.first().stored
    meta = file_metadata(first, channel_private_key)
    assert meta.name == "IMG_0001 NAMEMARKER-8c2a.jpg"
    assert meta.size == len(PHOTO) and meta.sha256 == hashlib.sha256(PHOTO).hexdigest()
    assert b"".join(read_file(first, channel_private_key)) == PHOTO
    assert_not_at_rest("FILEMARKER-31f7", "NAMEMARKER-8c2a", hashlib.sha256(PHOTO).hexdigest(), "История с файлами")
    assert incoming_is_empty()


def test_the_form_states_the_limits(client, keys, settings):
    settings.FAREWELL_MAX_FILES, settings.FAREWELL_MAX_FILE_MB, settings.FAREWELL_MAX_SUBMISSION_MB = 4, 50, 120
    page = client.get("/submit/en/testimony/").content.decode()
    assert "Up to 4 files, 50 MB each, 120 MB together." in page
    assert 'enctype="multipart/form-data"' in page


@pytest.mark.parametrize(
    "limits, files, message",
    [
        ({"FAREWELL_MAX_FILES": 2}, [upload("a.jpg"), upload("b.jpg"), upload("c.jpg")], "at most 2 files"),
        ({"FAREWELL_MAX_FILE_MB": 1}, [upload("big.mov", os.urandom(1_100_000))], "“big.mov” is larger than 1 MB"),
        (
            {"FAREWELL_MAX_SUBMISSION_MB": 1},
            [upload("a.jpg", os.urandom(600_000)), upload("b.jpg", os.urandom(600_000))],
            "All files together are larger than 1 MB",
        ),
        ({"FAREWELL_STORAGE_QUOTA_GB": 0}, [upload("a.jpg")], "no room for more files"),
    ],
)
def test_limits_give_a_clear_error_keep_the_text_and_keep_nothing_else(client, keys, settings, limits, files, message):
    for name, value in limits.items():
        setattr(settings, name, value)
    page = send(client, files, story="Текст, который нельзя потерять")
    body = page.content.decode()
    assert page.status_code == 200
    assert message in body
    assert "Текст, который нельзя потерять" in body
    assert "please choose them again" in body
    assert not Case.objects.exists()
    assert incoming_is_empty() and not any(storage.root("store").rglob("*.*"))


def test_a_full_disk_is_a_clear_error(client, keys, monkeypatch):
    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(EncryptingWriter, "write", full)
    page = send(client, [upload("a.jpg")])
    assert "no room for more files" in page.content.decode()
    assert not Case.objects.exists() and incoming_is_empty()


def test_empty_files_are_left_out_and_said_so(client, keys):
    page = send(client, [upload("empty.txt", b""), upload("a.jpg")])
    body = page.content.decode()
    assert codename_on(body)
    assert "These files were empty and were not kept: empty.txt" in body
    assert Attachment.objects.count() == 1


@pytest.mark.parametrize(
    "name, shown",
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\\\Users\\\\me\\\\photo.jpg", "photo.jpg"),
        ("ok\u202egpj.exe", "okgpj.exe"),  # right-to-left override removed
        ("bell\x07name.jpg", "bellname.jpg"),
        ("x\x00.jpg", "x.jpg"),
    ],
)
def test_file_names_lose_paths_and_control_characters(client, channel_private_key, name, shown):
    send(client, [upload(name)])
    stored = Attachment.objects.get().stored
    assert file_metadata(stored, channel_private_key).name == shown


def test_files_sent_anywhere_else_are_not_read_at_all(client, keys, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    client.get("/submit/return/")
    response = client.post("/submit/return/", {"codename": "x", "files": [upload("a.jpg", os.urandom(3_000_000))]})
    assert response.status_code == 200
    assert not any(tmp_path.iterdir()) and incoming_is_empty()


class BrokenConnection(io.RawIOBase):
    """A request body that stops after some bytes, as when a client loses its connection."""

    def __init__(self, data: bytes, fail_after: int):
        self.data, self.fail_after, self.position = data, fail_after, 0

    def readable(self):
        return True

    def read(self, size=-1):
        if self.position >= self.fail_after:
            raise OSError("connection reset by peer")
        size = self.fail_after - self.position if size < 0 else min(size, self.fail_after - self.position)
        chunk = self.data[self.position : self.position + size]
        self.position += len(chunk)
        return chunk


def test_a_client_that_disconnects_mid_upload_leaves_nothing_behind(client, keys):
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    form = client.get("/submit/testimony/")
    body = encode_multipart(
        BOUNDARY,
        {
            "story": "s",
            "consent": "text",
            "form_token": form_token_on(form.content.decode()),
            "files": upload("a.jpg", os.urandom(2_000_000)),
        },
    )
    broken = Client(raise_request_exception=False)
    broken.cookies = client.cookies
    connection = BrokenConnection(body, 1_000_000)  # inside the file, after the text fields
    response = broken.generic(
        "POST",
        "/submit/testimony/",
        data=b"",
        content_type=MULTIPART_CONTENT,
        **{"wsgi.input": connection, "CONTENT_LENGTH": str(len(body)), "CONTENT_TYPE": MULTIPART_CONTENT},
    )
    assert connection.position == connection.fail_after  # the upload really broke mid-file
    assert response.status_code == 400
    assert element_text(response.content.decode(), "codename") is None
    assert not Case.objects.exists()
    assert incoming_is_empty()


def test_abandoned_incoming_files_are_swept(keys):
    path = storage.new_incoming_path()
    path.write_bytes(b"partial")
    os.utime(path, (0, 0))
    assert storage.sweep_incoming() == 1 and not path.exists()

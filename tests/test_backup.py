"""Backup and restore: a fresh instance restored from a backup is the same instance."""

import json
import os
import subprocess
import urllib.request
import uuid
from http.cookiejar import CookieJar

import pytest

from farewell.testing.pages import codename_on, hidden_fields
from farewell.testing.server import free_port, multipart_body, run_farewell, start_serving, stop_serving, wait_until_up

pytestmark = pytest.mark.server
SOCKET = "/var/run/postgresql"


def run(data_dir, *args, database=None):
    return run_farewell(data_dir, *args, extra={"DATABASE_URL": database} if database else None)


def submit(data_dir, tmp_path, story, file_name, data):
    port = free_port()
    server = start_serving(data_dir, port, log=(tmp_path / "serve.log").open("w"))
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/submit/", server, tmp_path / "serve.log")
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        form = browser.open(base + "/submit/testimony/").read().decode()
        body, content_type = multipart_body(
            {"story": story, "consent": "text", **hidden_fields(form)}, [(file_name, data)]
        )
        page = browser.open(urllib.request.Request(base + "/submit/testimony/", body, {"Content-Type": content_type}))
        return codename_on(page.read().decode())
    finally:
        stop_serving(server)


CHECK = """
import hashlib, json
from farewell.accounts.credentials import unlock
from farewell.accounts.models import Reviewer
from farewell.cases.actions import find_case_by_codename
from farewell.review.actions import Desk, files_of, story_of
from farewell.vault.store import read_file
reviewer = Reviewer.objects.get(name="alice")
desk = Desk(reviewer, unlock(reviewer, PASSWORD))
case = find_case_by_codename(CODENAME).case
file, = files_of(case, desk)
attachment, meta = file.attachment, file.original
data = b"".join(read_file(attachment.stored, desk.channel_key(attachment.stored)))
digest = hashlib.sha256(data).hexdigest()
from farewell.intake.inbox import conversation
talk = find_case_by_codename(TALK)  # the demo's conversation: the question opens with his key
question = conversation(talk.case, talk.private_key)[0]["text"]
print(json.dumps({"story": story_of(case, desk), "name": meta.name, "sha256": digest, "recorded": meta.sha256,
                  "question": question}))
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def target_database(request):
    if request.param == "sqlite":
        yield None
        return
    name = f"farewell_restore_{uuid.uuid4().hex[:10]}"
    subprocess.run(["createdb", "-h", SOCKET, name], check=True)
    try:
        yield f"postgres://%2Fvar%2Frun%2Fpostgresql/{name}"
    finally:
        subprocess.run(["dropdb", "-h", SOCKET, "--if-exists", name], check=False)


def test_a_restored_instance_opens_testimonies_files_codenames_and_its_audit_chain(tmp_path, target_database):
    import hashlib

    original = tmp_path / "original"
    assert run(original, "demo", "--no-serve").returncode == 0
    photo = b"BACKUPFILEMARKER" + os.urandom(300_000)
    codename = submit(original, tmp_path, "BACKUPSTORYMARKER story", "BACKUPNAMEMARKER.jpg", photo)
    (original / "public-media").mkdir()
    (original / "public-media" / "aB3_published.png").write_bytes(b"a published page")
    backup = tmp_path / "instance.backup"
    result = run(original, "backup", str(backup))
    assert result.returncode == 0, result.stderr
    content = backup.read_bytes()
    pepper = (original / "secrets" / "pepper").read_text().strip()
    for marker in (b"BACKUPSTORYMARKER", b"BACKUPFILEMARKER", b"BACKUPNAMEMARKER", pepper.encode()):
        assert marker not in content

    fresh = tmp_path / "fresh"
    result = run(
        fresh,
        "restore",
        str(backup),
        "--key",
        str(original / "secrets" / "backup-private-key"),
        database=target_database,
    )
    assert result.returncode == 0, result.stderr
    assert not (fresh / "secrets" / "operator-secret").exists()  # never in a backup
    assert (fresh / "public-media" / "aB3_published.png").read_bytes() == b"a published page"
    alice = json.loads((original / "demo-reviewers.json").read_text())[0]
    script = CHECK.replace("PASSWORD", repr(alice["password"])).replace("CODENAME", repr(codename))
    script = script.replace("TALK", repr(alice["demo_conversation"]["codename"]))
    result = run(fresh, "shell", "-c", script, database=target_database)
    assert result.returncode == 0, result.stderr
    restored = json.loads(result.stdout.strip().splitlines()[-1])
    assert restored["story"] == "BACKUPSTORYMARKER story"
    assert restored["name"] == "BACKUPNAMEMARKER.jpg"
    assert restored["sha256"] == restored["recorded"] == hashlib.sha256(photo).hexdigest()
    assert restored["question"].startswith("Спасибо за ваш рассказ.")
    verify = run(fresh, "audit", "verify", database=target_database)
    assert verify.returncode == 0, verify.stderr


def test_restore_refuses_a_wrong_key_and_an_instance_that_has_data(tmp_path):
    original = tmp_path / "original"
    run(original, "demo", "--no-serve")
    backup = tmp_path / "instance.backup"
    run(original, "backup", str(backup))
    other = tmp_path / "other"
    run(other, "migrate")
    run(other, "keys", "init")
    wrong = run(tmp_path / "fresh", "restore", str(backup), "--key", str(other / "secrets" / "backup-private-key"))
    assert wrong.returncode != 0 and "does not open this backup" in wrong.stderr
    busy = run(original, "restore", str(backup), "--key", str(original / "secrets" / "backup-private-key"))
    assert busy.returncode != 0 and "fresh data directory" in busy.stderr


def test_every_model_of_the_project_is_backed_up_or_deliberately_left_out():
    from django.apps import apps

    from farewell.vault.backup import MODELS, NOT_BACKED_UP

    ours = {model._meta.label for model in apps.get_models() if model.__module__.startswith("farewell.")}
    assert ours - set(MODELS) - set(NOT_BACKED_UP) == set()

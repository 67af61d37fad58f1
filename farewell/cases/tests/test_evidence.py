"""The evidence export: one AES-256 ZIP that lawyers open without Farewell, with a manifest whose
hashes from receipt match what was exported, the accounts, findings and audit history."""

import datetime
import hashlib
import io
import json
import logging
import os
import shutil
import subprocess
import tracemalloc

import pytest
import pyzipper
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

import farewell
from farewell.audit.chain import verify
from farewell.audit.models import AuditEntry
from farewell.cases import evidence
from farewell.cases.evidence_check import WrongPassphrase, check_archive
from farewell.cases.models import Attachment, Case
from farewell.cases.retention import erase_originals
from farewell.review import actions, evidence_downloads
from farewell.testing.dump import assert_not_at_rest
from farewell.testing.intake import send_testimony
from farewell.vault.store import seal, store_file
from farewell.vault.uploads import encrypt_local_file

pytestmark = pytest.mark.django_db
STORY = "Командир Игорь Сомов приказал стрелять по машине с гражданскими у Бучи 4 марта."
PHOTO = b"\xff\xd8\xff\xe0" + os.urandom(300_000)  # incompressible, like a real photo
PAGE = "<html><body><p>Игорь Сомов, 34 года, рассказал журналистам…</p></body></html>".encode()
LONG_AGO = datetime.date.today() - datetime.timedelta(days=400)


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):  # refusals are matched in English (a request in a fixture may switch it)
        yield


def legal_case(alice, *, files=True) -> Case:
    uploads = [SimpleUploadedFile("IMG_2022_Somov.JPG", PHOTO, content_type="image/jpeg")] if files else []
    send_testimony(Client(), STORY, consent="verification", files=uploads)
    case = Case.objects.latest("pk")
    actions.do_take(case.pk, alice.desk())
    actions.do_decide(case.pk, "route_to_legal", "Возможное военное преступление", alice.desk())
    case.refresh_from_db()
    return case


@pytest.fixture
def case(alice):
    return legal_case(alice)


def export(case, persona):
    with translation.override("en"):  # the README's language: the reviewer's
        made = actions.do_export_evidence(case.pk, persona.desk())
    handle = evidence_downloads.claim(case.pk, persona.reviewer.pk, made.token)
    with handle:
        data = handle.read()
    return made, data


def opened(data: bytes, passphrase: str) -> pyzipper.AESZipFile:
    archive = pyzipper.AESZipFile(io.BytesIO(data))
    archive.setpassword(passphrase.encode())
    return archive


def test_it_exports_the_story_and_the_file_as_received_with_their_hashes_from_receipt(case, alice):
    made, data = export(case, alice)
    archive = opened(data, made.passphrase)
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["case"] == case.pk and manifest["format"] == "farewell-evidence/1"
    assert manifest["tool"] == {"name": "farewell", "version": farewell.__version__}
    assert datetime.datetime.fromisoformat(manifest["exported_at"]).date() == datetime.date.today()
    assert manifest["exported_by"] == f"reviewer:{alice.reviewer.pk}"
    assert f"#{case.pk}" in manifest["note"]
    assert archive.read("testimony/story.txt").decode() == STORY
    (photo,) = [row for row in manifest["files"] if row["kind"] == "original"]
    # A neutral name in the ZIP (whose names are not encrypted); the submitter's only in the manifest.
    assert photo["name"] == "testimony/files/01.jpg" and photo["name_at_receipt"] == "IMG_2022_Somov.JPG"
    assert archive.read(photo["name"]) == PHOTO
    assert photo["size"] == len(PHOTO)
    assert photo["sha256_at_receipt"] == photo["sha256_exported"] == hashlib.sha256(PHOTO).hexdigest()
    assert not any("Somov" in name for name in archive.namelist())
    for row in manifest["files"]:
        assert hashlib.sha256(archive.read(row["name"])).hexdigest() == row["sha256_exported"]
        assert archive.getinfo(row["name"]).file_size == row["size"]
    sums = dict(reversed(line.split("  ", 1)) for line in archive.read("SHA256SUMS").decode().splitlines())
    assert sums["manifest.json"] == hashlib.sha256(archive.read("manifest.json")).hexdigest()
    assert sums[photo["name"]] == photo["sha256_exported"]
    facts = json.loads(archive.read("case.json"))
    assert facts["status"] == "legal" and facts["legal_hold"] is True
    assert facts["decision_reason"] == "Возможное военное преступление"
    assert "README.txt" in archive.namelist()


def test_every_entry_is_aes_256_encrypted(case, alice):
    made, data = export(case, alice)
    for info in pyzipper.AESZipFile(io.BytesIO(data)).infolist():
        assert info.flag_bits & 0x1, info.filename
        assert info.wz_aes_strength == 3, info.filename  # AES-256 (1: 128, 2: 192)
    assert STORY.encode() not in data and PHOTO[:4096] not in data


def test_the_audit_history_is_inside_with_the_chains_verdict(case, alice):
    made, data = export(case, alice)
    history = json.loads(opened(data, made.passphrase).read("audit/history.json"))
    assert [entry["action"] for entry in history["entries"]] == ["take", "route_to_legal"]
    assert history["entries"][0]["actor_name"] == "alice"
    assert history["chain"]["verifies"] is True and history["chain"]["rows"] >= 2
    manifest = json.loads(opened(data, made.passphrase).read("manifest.json"))
    assert manifest["audit_chain"]["verifies"] is True


def test_the_export_is_audited_with_hashes_and_nothing_else(case, alice, caplog):
    caplog.set_level(logging.DEBUG)
    made, data = export(case, alice)
    row = AuditEntry.objects.get(action="evidence_exported")
    assert row.case_id == case.pk and row.actor == f"reviewer:{alice.reviewer.pk}"
    manifest = opened(data, made.passphrase).read("manifest.json")
    assert row.details["manifest_sha256"] == hashlib.sha256(manifest).hexdigest()
    assert row.details["archive_sha256"] == hashlib.sha256(data).hexdigest() == made.archive.archive_sha256
    assert set(row.details) == {"manifest_sha256", "archive_sha256", "files", "bytes"}
    assert verify().ok
    assert made.passphrase not in caplog.text and made.passphrase not in repr(made)
    assert_not_at_rest(made.passphrase)


def test_a_wrong_passphrase_opens_nothing(case, alice, tmp_path):
    made, data = export(case, alice)
    path = tmp_path / "evidence.zip"
    path.write_bytes(data)
    with pytest.raises(WrongPassphrase):
        check_archive(path, evidence.new_passphrase())
    with pytest.raises(RuntimeError, match="Bad password"):
        opened(data, "not-the-passphrase").read("testimony/story.txt")
    assert check_archive(path, made.passphrase) == []


def test_passphrases_are_long_random_and_unambiguous():
    made = {evidence.new_passphrase() for _ in range(50)}
    assert len(made) == 50
    for passphrase in made:
        groups = passphrase.split("-")
        assert len(groups) == 6 and all(len(group) == 5 for group in groups)
        assert set("".join(groups)) <= set(evidence.PASSPHRASE_ALPHABET)
    assert len(evidence.PASSPHRASE_ALPHABET) == 32  # 30 characters of 5 bits: 150 bits


def seven_zip() -> str | None:
    return shutil.which("7zz") or shutil.which("7z")


@pytest.mark.skipif(seven_zip() is None, reason="7-Zip is not installed (tools/ensure-system test installs it)")
def test_7zip_opens_it_with_the_passphrase_only(case, alice, tmp_path):
    made, data = export(case, alice)
    path = tmp_path / "evidence.zip"
    path.write_bytes(data)
    wrong = subprocess.run(
        [seven_zip(), "t", f"-p{evidence.new_passphrase()}", str(path)], capture_output=True, text=True
    )
    assert wrong.returncode != 0
    out = tmp_path / "out"
    subprocess.run([seven_zip(), "x", f"-p{made.passphrase}", f"-o{out}", str(path)], check=True, capture_output=True)
    assert (out / "testimony" / "files" / "01.jpg").read_bytes() == PHOTO
    manifest = json.loads((out / "manifest.json").read_text())
    for row in manifest["files"]:
        assert hashlib.sha256((out / row["name"]).read_bytes()).hexdigest() == row["sha256_exported"]
    # What the README tells lawyers to run.
    subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=out, check=True)


def rewritten(data: bytes, passphrase: str, change) -> bytes:
    """A copy of the archive, re-encrypted with the same passphrase, entries passed through change()."""
    source, target = opened(data, passphrase), io.BytesIO()
    with pyzipper.AESZipFile(target, "w", encryption=pyzipper.WZ_AES) as copy:
        copy.setpassword(passphrase.encode())
        for name in source.namelist():
            content = change(name, source.read(name))
            if content is not None:
                copy.writestr(name, content)
    return target.getvalue()


def test_a_tampered_or_missing_file_shows_in_the_check(case, alice, tmp_path):
    made, data = export(case, alice)
    path = tmp_path / "tampered.zip"
    path.write_bytes(rewritten(data, made.passphrase, lambda n, c: c[:-1] + b"\x00" if n.endswith(".jpg") else c))
    problems = check_archive(path, made.passphrase)
    assert len(problems) == 2 and all(p.startswith("testimony/files/01.jpg: SHA-256") for p in problems)
    assert any("at receipt" in p for p in problems)
    path.write_bytes(rewritten(data, made.passphrase, lambda n, c: None if n == "audit/history.json" else c))
    assert check_archive(path, made.passphrase) == ["audit/history.json: listed in the manifest but missing"]
    path.write_bytes(rewritten(data, made.passphrase, lambda n, c: c))
    assert check_archive(path, made.passphrase) == []


def test_a_reviewer_without_the_channel_key_cannot_export(case, carol):
    with translation.override("en"), pytest.raises(actions.NotAllowed, match="granted"):
        actions.do_export_evidence(case.pk, carol.desk())
    assert not AuditEntry.objects.filter(action="evidence_exported").exists()
    assert list(evidence_downloads._directory().iterdir()) == []


def test_only_legal_documentation_or_a_held_case_can_be_exported(submitted_case, alice):
    with pytest.raises(actions.NotAllowed, match="legal"):
        actions.do_export_evidence(submitted_case.pk, alice.desk())
    actions.do_take(submitted_case.pk, alice.desk())
    with pytest.raises(actions.NotAllowed, match="legal"):
        actions.do_export_evidence(submitted_case.pk, alice.desk())
    assert not AuditEntry.objects.filter(action="evidence_exported").exists()
    actions.do_set_legal_hold(submitted_case.pk, True, alice.desk())
    made, data = export(submitted_case, alice)
    assert opened(data, made.passphrase).read("testimony/story.txt").decode().startswith("Командир")


def test_erased_originals_cannot_be_exported(case, alice):
    Case.objects.filter(pk=case.pk).update(legal_hold=False)
    erase_originals(case.pk)
    with translation.override("en"), pytest.raises(actions.NotAllowed, match="erased"):
        actions.do_export_evidence(case.pk, alice.desk())


def test_a_case_in_legal_documentation_outlives_the_retention_period(case):
    Case.objects.filter(pk=case.pk).update(closed_on=LONG_AGO)
    call_command("purge", stdout=io.StringIO())
    case.refresh_from_db()
    assert case.purged_on is None and not case.story.destroyed
    assert not case.attachments.get().stored.destroyed


def test_a_failed_export_leaves_no_file_and_no_audit_row(case, alice, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(evidence, "_readme", broken)
    with pytest.raises(OSError):
        actions.do_export_evidence(case.pk, alice.desk())
    assert list(evidence_downloads._directory().iterdir()) == []
    assert not AuditEntry.objects.filter(action="evidence_exported").exists()


def model_or_skip(name):
    try:
        return apps.get_model("cases", name)
    except LookupError:
        pytest.skip(f"no {name} model yet")


def test_accounts_their_originals_and_the_latest_findings_are_included(alice, tmp_path):
    case_account, verification = model_or_skip("CaseAccount"), model_or_skip("Verification")
    case = legal_case(alice, files=False)
    page = tmp_path / "novaya-gazeta.html"
    page.write_bytes(PAGE)
    account = case_account.objects.create(
        original=store_file(encrypt_local_file(page, name=page.name, content_type="text/html")),
        case=case,
        position=1,
        kind="press",
        source="pasted",
        text=seal("case.account", "Игорь Сомов, 34 года, рассказал журналистам…".encode()),
        details=seal("case.account_details", json.dumps({"label": "Новая газета", "date": "2023-03-14"}).encode()),
        added_by=alice.reviewer,
    )
    findings = {"findings": [{"kind": "risk_flag", "severity": "alert", "summary": "стрельба по гражданским"}]}
    old = seal("case.verification", json.dumps({"findings": []}).encode())
    verification.objects.create(case=case, report=old, account_ids=[])
    verification.objects.filter(case=case).update(
        report=seal("case.verification", json.dumps(findings, ensure_ascii=False).encode()), account_ids=[account.pk]
    )
    made, data = export(case, alice)
    archive = opened(data, made.passphrase)
    manifest = json.loads(archive.read("manifest.json"))
    (row,) = [row for row in manifest["files"] if row["kind"] == "account" and row["name"].endswith(".txt")]
    assert archive.read(row["name"]).decode() == "Игорь Сомов, 34 года, рассказал журналистам…"
    assert row["report_file"] == f"account-{account.pk}"
    assert row["account"]["kind"] == "press" and row["account"]["added_by"] == "alice"
    assert row["account"]["details"] == {"label": "Новая газета", "date": "2023-03-14"}
    (original,) = [row for row in manifest["files"] if row["kind"] == "account" and row.get("name_at_receipt")]
    assert original["name"] == f"accounts/account-{account.pk}-original.html"
    assert archive.read(original["name"]) == PAGE
    assert original["sha256_at_receipt"] == original["sha256_exported"] == hashlib.sha256(PAGE).hexdigest()
    assert json.loads(archive.read("findings/verification.json")) == findings
    (found,) = [row for row in manifest["files"] if row["kind"] == "findings"]
    assert found["verification"]["account_ids"] == [account.pk]
    assert check_archive(io.BytesIO(data), made.passphrase) == []


def test_the_operator_exports_from_the_command_line(case, tmp_path):
    out = tmp_path / "case.zip"
    output = io.StringIO()
    call_command("evidence", str(case.pk), str(out), stdout=output)
    passphrase = output.getvalue().rsplit(": ", 1)[1].strip()
    assert len(passphrase) == 35
    assert check_archive(out, passphrase) == []
    archive = opened(out.read_bytes(), passphrase)
    assert archive.read("testimony/files/01.jpg") == PHOTO
    assert "Farewell — evidence export" in archive.read("README.txt").decode()
    row = AuditEntry.objects.get(action="evidence_exported")
    assert row.actor == "operator" and row.details["archive_sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert_not_at_rest(passphrase)
    with pytest.raises(CommandError, match="exists"):
        call_command("evidence", str(case.pk), str(out), stdout=io.StringIO())


def test_the_command_refuses_a_case_that_is_not_held(submitted_case, tmp_path):
    with pytest.raises(CommandError, match="legal"):
        call_command("evidence", str(submitted_case.pk), str(tmp_path / "x.zip"), stdout=io.StringIO())
    assert not (tmp_path / "x.zip").exists()


def test_large_originals_are_streamed_not_held_in_memory(case, alice, tmp_path):
    big = tmp_path / "video.mp4"
    with big.open("wb") as handle:
        for _ in range(24):
            handle.write(os.urandom(1 << 20))
    stored = store_file(encrypt_local_file(big, name=big.name, content_type="video/mp4"))
    Attachment.objects.create(case=case, stored=stored, position=1)
    tracemalloc.start()
    try:
        made = actions.do_export_evidence(case.pk, alice.desk())
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert made.archive.size > 24 << 20
    assert peak < 8 << 20, f"peak {peak >> 20} MiB for a 24 MiB file"
    with evidence_downloads.claim(case.pk, alice.reviewer.pk, made.token) as handle:
        assert check_archive(handle, made.passphrase) == []

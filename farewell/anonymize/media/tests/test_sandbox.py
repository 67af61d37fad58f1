"""The sandbox the cleaner runs in: no secret in its environment, no network, no view of anything
but its private directory and the Python it runs on, and limits that end it."""

import os
import shutil
import subprocess
import sys
import time

import pytest

from farewell.anonymize.media import sandbox


def confined(work, code: str) -> subprocess.CompletedProcess:
    """Runs Python code confined exactly as the cleaner is."""
    command = [*sandbox.confinement(work.path), sys.executable, "-I", "-c", code]
    return subprocess.run(command, env=sandbox.environment(work.path), capture_output=True, text=True, timeout=60)


@pytest.fixture
def work(tmp_path):
    with sandbox.scratch(tmp_path) as private:
        yield private


def test_the_child_gets_no_secret(monkeypatch, tmp_path):
    monkeypatch.setenv("FAREWELL_OPERATOR_SECRET", "must-not-leak")
    environment = sandbox.environment(tmp_path)
    assert not any(key.startswith(("FAREWELL_", "DATABASE")) for key in environment)
    assert "must-not-leak" not in str(environment)


def test_bubblewrap_confines_the_cleaner_here():
    if not shutil.which("bwrap"):
        pytest.fail("bubblewrap is not installed: run `make test` as root, or `apt-get install bubblewrap`.")
    assert sandbox.filesystem_isolation(), "bwrap is installed but cannot create its namespaces here"


def test_the_child_sees_its_private_directory_and_nothing_of_the_instance(work, tmp_path, settings):
    (work.path / "input").write_text("to clean")
    secret = tmp_path / "pepper"
    secret.write_text("a secret beside the scratch directory")
    data_file = settings.DATA_DIR / "marker"
    data_file.write_text("the data directory")
    hidden = [str(secret), str(data_file), "/home", "/etc/passwd", "/var/lib/postgresql", "/run/postgresql"]
    code = (
        "import os, sys\n"
        f"print(open({str(work.path / 'input')!r}).read())\n"
        f"for path in {hidden!r}:\n"
        "    print(path, os.path.exists(path))\n"
    )
    result = confined(work, code)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "to clean"
    assert all(line.endswith(" False") for line in lines[1:]), lines


def test_the_child_has_no_network(work):
    code = (
        "import socket\n"
        "try:\n"
        "    socket.create_connection(('127.0.0.1', 5432), timeout=3)\n"
        "    print('connected')\n"
        "except OSError as error:\n"
        "    print('refused', type(error).__name__)\n"
    )
    result = confined(work, code)
    assert result.stdout.startswith("refused"), result.stdout + result.stderr


def test_a_child_that_runs_past_its_wall_clock_is_killed_and_refused(work):
    (work.path / "input").write_bytes(b"\xff\xd8\xff" + os.urandom(100))
    started = time.monotonic()
    # A limit shorter than the child's own start-up: what a hanging parser looks like from outside.
    report = sandbox.run_child(work, "clean", limits=sandbox.Limits(wall_seconds=0.01))
    assert report.refused == "limit"
    assert time.monotonic() - started < 5


def test_a_password_protected_office_document_is_refused_as_encrypted(tmp_path):
    # The layout of an encrypted DOCX: an OLE compound file whose directory names EncryptionInfo.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 512
    (tmp_path / "report.docx").write_bytes(ole)
    assert sandbox.run("clean", tmp_path / "report.docx", tmp_path / "out").refused == "encrypted"
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024)
    assert sandbox.run("clean", tmp_path / "old.doc", tmp_path / "out").refused == "unsupported"

"""The `farewell` program as an operator runs it: fresh processes, fresh data directories."""

import subprocess
import sys
from pathlib import Path

import pytest

from farewell.testing.server import clean_environment

pytestmark = pytest.mark.server


def farewell(*args, data_dir: Path, cwd: Path, extra_env=None, timeout=120):
    environment = clean_environment(data_dir) | (extra_env or {})
    return subprocess.run(
        [sys.executable, "-m", "farewell.cli", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def prepared(tmp_path):
    """A data directory after `farewell demo --no-serve`, run from an unrelated directory."""
    data_dir, cwd = tmp_path / "data", tmp_path / "cwd"
    cwd.mkdir()
    result = farewell("demo", "--no-serve", "--port", "8765", data_dir=data_dir, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return data_dir, cwd, result


def test_demo_prepares_a_database_keys_and_content_and_prints_the_urls(prepared):
    data_dir, _cwd, result = prepared
    assert (data_dir / "farewell.sqlite3").is_file()
    assert {path.name for path in (data_dir / "secrets").iterdir()} == {
        "intake-secret-key",
        "review-secret-key",
        "pepper",
        "audit-key",
        "operator-secret",
        "backup-public-key",
        "backup-private-key",
    }
    assert "http://127.0.0.1:8765/" in result.stdout
    assert "http://127.0.0.1:8765/submit/" in result.stdout
    assert "Demo testimonies: 6 added." in result.stdout
    assert "Case 1: five accounts of one man to verify" in result.stdout
    assert "alice asked its author a question" in result.stdout and "with the codename: " in result.stdout


def test_running_demo_and_keys_init_again_changes_nothing(prepared):
    data_dir, cwd, _ = prepared
    secrets = {path.name: path.read_text() for path in (data_dir / "secrets").iterdir()}
    again = farewell("demo", "--no-serve", data_dir=data_dir, cwd=cwd)
    assert "All keys exist; nothing was changed." in again.stdout
    assert "Demo testimonies: 0 added." in again.stdout
    assert farewell("keys", "init", data_dir=data_dir, cwd=cwd).stdout.strip() == "All keys exist; nothing was changed."
    assert {path.name: path.read_text() for path in (data_dir / "secrets").iterdir()} == secrets


def test_the_program_lists_its_verbs_and_has_no_admin(tmp_path):
    result = farewell("help", data_dir=tmp_path, cwd=tmp_path)
    for verb in ("serve", "demo", "keys", "migrate"):
        assert verb in result.stdout
    from django.conf import settings

    assert not any("admin" in app for app in settings.INSTALLED_APPS)


@pytest.mark.parametrize(
    "environment, expected",
    [
        ({"FAREWELL_DEBUG": "true", "FAREWELL_ALLOWED_HOSTS": "localhost"}, "farewell.E001"),
        ({}, "farewell.E006"),
        ({"FAREWELL_ALLOWED_HOSTS": "example.org", "FAREWELL_HTTPS": "false"}, "farewell.E007"),
        ({"FAREWELL_ALLOWED_HOSTS": "localhost", "FAREWELL_HTTPS": "false"}, "farewell.E007"),
        ({"FAREWELL_ALLOWED_HOSTS": "localhost", "FAREWELL_REVIEW_SECRET_KEY": "changeme"}, "farewell.E003"),
    ],
)
def test_serve_refuses_unsafe_settings(prepared, environment, expected):
    data_dir, cwd, _ = prepared
    result = farewell("serve", "--bind", "127.0.0.1:1", data_dir=data_dir, cwd=cwd, extra_env=environment)
    assert result.returncode != 0
    assert expected in result.stderr


def test_the_demo_mode_listens_on_loopback_only(prepared):
    data_dir, cwd, _ = prepared
    environment = {"FAREWELL_ALLOWED_HOSTS": "localhost", "FAREWELL_HTTPS": "false", "FAREWELL_DEMO": "true"}
    result = farewell("serve", "--bind", "0.0.0.0:8765", data_dir=data_dir, cwd=cwd, extra_env=environment)
    assert result.returncode != 0
    assert "loopback addresses only" in result.stderr


def test_serve_refuses_an_unmigrated_database(tmp_path):
    environment = {"FAREWELL_ALLOWED_HOSTS": "localhost", "FAREWELL_HTTPS": "false", "FAREWELL_DEMO": "true"}
    farewell("keys", "init", data_dir=tmp_path / "data", cwd=tmp_path)
    result = farewell("serve", data_dir=tmp_path / "data", cwd=tmp_path, extra_env=environment)
    assert result.returncode != 0
    assert "run `farewell migrate` first" in result.stderr


def test_a_configuration_error_is_a_clear_message(tmp_path):
    result = farewell("check", data_dir=tmp_path, cwd=tmp_path, extra_env={"FAREWELL_HTTPS": "maybe"})
    assert result.returncode != 0
    assert "FAREWELL_HTTPS must be true or false" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_a_codename_hash_cost_that_changed_since_keys_init(prepared):
    data_dir, cwd, _ = prepared
    environment = {
        "FAREWELL_ALLOWED_HOSTS": "localhost",
        "FAREWELL_HTTPS": "false",
        "FAREWELL_DEMO": "true",
        "FAREWELL_CODENAME_HASH_TIME_COST": "4",
    }
    result = farewell("serve", "--bind", "127.0.0.1:1", data_dir=data_dir, cwd=cwd, extra_env=environment)
    assert result.returncode != 0
    assert "every existing codename would stop working" in result.stderr


def test_the_demo_case_gets_verified_by_the_worker(prepared):
    data_dir, cwd, _ = prepared
    worker = farewell("worker", "--once", data_dir=data_dir, cwd=cwd, timeout=300)
    assert worker.returncode == 0, worker.stderr
    script = (
        "from farewell.cases.models import CaseAccount, Verification; from farewell.jobs.models import Job; "
        "print(CaseAccount.objects.count(), Verification.objects.count(), Job.objects.get(kind='verify').state)"
    )
    counted = farewell("shell", "-c", script, data_dir=data_dir, cwd=cwd)
    assert counted.stdout.strip().splitlines()[-1].split() == ["4", "1", "done"], counted.stderr

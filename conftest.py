"""Fixtures shared by the whole suite: keys, personas and a real `farewell` server."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from farewell.testing.plugin import TEST_ENVIRONMENT
from farewell.testing.server import clean_environment, free_port, wait_until_up


@pytest.fixture
def keys(db):
    """The instance's key pairs, as `farewell keys init` creates them."""
    from farewell.vault.keys import ensure_key_pairs

    ensure_key_pairs(TEST_ENVIRONMENT["FAREWELL_OPERATOR_SECRET"])


@pytest.fixture
def channel_private_key(keys) -> bytes:
    from farewell.vault.keys import unlock_private_key
    from farewell.vault.models import KeyPair

    return unlock_private_key(KeyPair.CHANNEL_DEFAULT, TEST_ENVIRONMENT["FAREWELL_OPERATOR_SECRET"])


@dataclass
class Persona:
    """An enrolled reviewer, with everything a test needs to act as him."""

    reviewer: object
    password: str
    totp_secret: str
    private_key: bytes
    recovery_codes: list[str]

    def code(self) -> str:
        import pyotp

        return pyotp.TOTP(self.totp_secret).now()

    def desk(self):
        from farewell.review.actions import Desk

        self.reviewer.refresh_from_db()
        return Desk(self.reviewer, self.private_key)

    def signed_in_client(self):
        """A browser signed in as him (password, then a recovery code: TOTP codes are single-use)."""
        from django.test import Client

        browser = Client()
        browser.post("/review/sign-in/", {"name": self.reviewer.name, "password": self.password})
        response = browser.post("/review/sign-in/code/", {"code": self.recovery_codes.pop()})
        assert response.status_code == 302 and response.url == "/review/", "sign-in failed"
        return browser


def enrol_persona(name: str, granted_by: Persona | None = None) -> Persona:
    import pyotp

    from farewell.accounts.actions import do_enrol, do_grant_channel, do_invite_reviewer
    from farewell.accounts.totp import new_secret

    _reviewer, token = do_invite_reviewer(name, operator_secret=TEST_ENVIRONMENT["FAREWELL_OPERATOR_SECRET"])
    password, secret = f"{name}-password-long-enough", new_secret()
    enrolled = do_enrol(token, password=password, totp_secret=secret, code=pyotp.TOTP(secret).now())
    if granted_by is not None:
        do_grant_channel(granted_by.reviewer, granted_by.private_key, enrolled.reviewer.pk)
    return Persona(enrolled.reviewer, password, secret, enrolled.private_key, list(enrolled.recovery_codes))


@pytest.fixture
def alice(keys) -> Persona:
    """The first reviewer: holds the channel key from the bootstrap."""
    return enrol_persona("alice")


@pytest.fixture
def bob(alice) -> Persona:
    """A second reviewer, granted the keys by alice."""
    return enrol_persona("bob", granted_by=alice)


@pytest.fixture
def carol(alice) -> Persona:
    """An enrolled reviewer nobody granted any key yet."""
    return enrol_persona("carol")


@pytest.fixture
def worker_context(keys, tmp_path):
    """What `farewell worker` holds: the unlocked worker keys, a scratch directory, limits."""
    from farewell.anonymize.media.sandbox import Limits
    from farewell.jobs import keyring, runner

    unlocked = keyring.unlock(TEST_ENVIRONMENT["FAREWELL_OPERATOR_SECRET"])
    return runner.Context(keyring=unlocked, scratch_dir=tmp_path, limits=Limits(wall_seconds=120))


@pytest.fixture
def submitted_case(keys):
    """A case received through the intake's action, with a story naming people."""
    from farewell.cases.actions import do_receive_testimony

    case, _codename = do_receive_testimony(
        story="Командир Игорь Сомов отправил нас в Чебаркуль. Игорь Сомов знал, что мы без подготовки.",
        consent="text",
        language="ru",
    )
    return case


@pytest.fixture
def submitter(client, keys):
    """A submitter on the intake, in Russian (the default), holding a fresh browser session."""
    return client


@pytest.fixture
def outsider():
    """Someone with no session on any site."""
    from django.test import Client

    return Client()


@dataclass
class RunningServer:
    url: str
    data_dir: Path
    log: Path
    process: subprocess.Popen

    def logs(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """`farewell demo` as a user runs it: its own data dir, real gunicorn, real argon2 costs."""
    data_dir = tmp_path_factory.mktemp("demo-data")
    log = data_dir.parent / "demo-server.log"
    port = free_port()
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "farewell.cli", "demo", "--port", str(port)],
            cwd=tmp_path_factory.mktemp("elsewhere"),
            env=clean_environment(data_dir),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = RunningServer(f"http://127.0.0.1:{port}", data_dir, log, process)
    try:
        wait_until_up(server.url + "/", process, log)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()

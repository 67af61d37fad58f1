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

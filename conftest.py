"""Fixtures shared by the whole suite: keys, personas and a real `farewell` server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from farewell.testing.plugin import TEST_ENVIRONMENT

ROOT = Path(__file__).resolve().parent
SHARED_DATA = ROOT.parent / "shared" / "data"


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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_environment(data_dir: Path) -> dict[str, str]:
    """The environment of a fresh install: none of the suite's FAREWELL_ settings."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FAREWELL_") and k != "DATABASE_URL"}
    environment["FAREWELL_DATA_DIR"] = str(data_dir)
    return environment


@dataclass
class RunningServer:
    url: str
    data_dir: Path
    log: Path
    process: subprocess.Popen

    def logs(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {seconds} s:\n{log.read_text()}")


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

"""Starting the real `farewell` program for tests and benchmarks: ports, environment, readiness."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_environment(data_dir: Path) -> dict[str, str]:
    """The environment of a fresh install: none of the suite's FAREWELL_ settings."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FAREWELL_") and k != "DATABASE_URL"}
    environment["FAREWELL_DATA_DIR"] = str(data_dir)
    return environment


def wait_until_up(url: str, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode}):\n{_read(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {seconds} s:\n{_read(log)}")


def _read(log: Path) -> str:
    try:
        return log.read_text(errors="replace")
    except OSError:
        return "(no log)"


def multipart_body(fields: dict[str, str], files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body as a browser sends it: fields first, then the files."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()
    ]
    for name, data in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


# Plain HTTP on loopback, as the demo serves it (the checks refuse it anywhere else).
LOCAL_HTTP = {"FAREWELL_ALLOWED_HOSTS": "127.0.0.1", "FAREWELL_HTTPS": "false", "FAREWELL_DEMO": "true"}


def run_farewell(data_dir: Path, *args: str, extra: dict | None = None, cwd=None, timeout: int = 300):
    """One `farewell` command in a fresh process, on its own data directory."""
    return subprocess.run(
        [sys.executable, "-m", "farewell.cli", *args],
        env=clean_environment(data_dir) | LOCAL_HTTP | (extra or {}),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def start_serving(data_dir: Path, port: int, *, site: str = "intake", workers: int = 1, log=None, extra=None):
    """`farewell serve` in its own process group (so a kill reaches every worker)."""
    return subprocess.Popen(
        [sys.executable, "-m", "farewell.cli", "serve", "--site", site, "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(workers)],
        env=clean_environment(data_dir) | LOCAL_HTTP | (extra or {}),
        stdout=log if log is not None else subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_serving(process, sig=signal.SIGTERM) -> None:
    os.killpg(process.pid, sig)
    process.wait(timeout=30)

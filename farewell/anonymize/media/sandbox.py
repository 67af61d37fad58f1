"""Running the cleaner in a keyless sandbox: a freshly exec'd child process with a scrubbed
environment, no network (a new network namespace through `unshare -n` where the kernel allows
it), a private working directory, and CPU, memory, file-size and time limits."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

from farewell.anonymize.media.report import MetadataItem, Report

LIMITS = {
    resource.RLIMIT_CPU: 120,  # seconds of CPU
    resource.RLIMIT_AS: 2 * 1024**3,  # address space
    resource.RLIMIT_FSIZE: 4 * 1024**3,  # largest file it may write
    resource.RLIMIT_NOFILE: 64,
}
WALL_SECONDS = 300


@cache
def network_isolation() -> list[str]:
    """`unshare -n` if this machine lets us use it (as root, or with user namespaces)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    for prefix in ([unshare, "-n"], [unshare, "-r", "-n"]):
        try:
            if subprocess.run([*prefix, "true"], capture_output=True, timeout=10).returncode == 0:
                return prefix
        except (OSError, subprocess.SubprocessError):
            continue
    return []


def _limit():
    for limit, value in LIMITS.items():
        resource.setrlimit(limit, (value, value))


def environment(work: Path) -> dict[str, str]:
    """Nothing from the parent: no FAREWELL_ secret, no DATABASE_URL, no proxy settings."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(work),
        "TMPDIR": str(work),
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
    }


def run(operation: str, source: Path, target: Path | None = None, voice: str = "keep") -> Report:
    """Copies the input into a private directory, runs the child there, moves the output to
    target (only when the child cleaned it)."""
    with tempfile.TemporaryDirectory(prefix="farewell-clean-") as scratch:
        work = Path(scratch)
        os.chmod(work, 0o700)
        given = work / "input"
        shutil.copyfile(source, given)
        produced = work / "output"
        # -I: the child ignores PYTHON* variables and the working directory on import paths.
        command = [*network_isolation(), sys.executable, "-I", "-m", "farewell.anonymize.media.child"]
        command += [operation, str(given), str(produced), voice]
        try:
            result = subprocess.run(
                command,
                cwd=work,
                env=environment(work),
                capture_output=True,
                timeout=WALL_SECONDS,
                preexec_fn=_limit,
            )
        except subprocess.TimeoutExpired:
            return Report(refused="limit")
        try:
            data = json.loads(result.stdout.decode().strip().splitlines()[-1])
        except (ValueError, IndexError):
            return Report(refused="limit" if result.returncode < 0 else "crash")
        report = Report(**{**data, "metadata": [MetadataItem(**item) for item in data["metadata"]]})
        if operation == "clean" and report.refused is None:
            if not produced.is_file():
                return Report(type=report.type, refused="crash")
            shutil.move(produced, target)
        return report

"""Real `farewell worker` processes: killed mid-job (kill -9) or stopped (SIGTERM), the cleaner dies
with them, no plaintext stays behind, and the next worker finishes the job; two workers share a
queue without running a job twice."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from farewell.testing.server import LOCAL_HTTP, clean_environment, run_farewell

pytestmark = pytest.mark.server

RECEIVE = """
import os, sys
from pathlib import Path
from PIL import Image
from farewell.cases.actions import do_receive_testimony
from farewell.vault.uploads import encrypt_local_file
photo = Path(sys.argv[-1])
# Noise does not compress: cleaning this takes a few seconds, long enough to be interrupted.
Image.frombytes("RGB", (4000, 4000), os.urandom(4000 * 4000 * 3)).save(photo)
received = encrypt_local_file(photo, name="noise.png", content_type="image/png")
photo.unlink()
do_receive_testimony(story="story", consent="text_media", language="ru", files=[received])
"""

FAST_RECOVERY = {"FAREWELL_JOB_LEASE_SECONDS": "2", "FAREWELL_WORKER_SWEEP_SECONDS": "1"}


@pytest.fixture
def instance(tmp_path):
    data_dir = tmp_path / "data"
    for command in (["migrate"], ["keys", "init"]):
        result = run_farewell(data_dir, *command)
        assert result.returncode == 0, result.stderr
    result = run_farewell(data_dir, "shell", "-c", RECEIVE.replace("sys.argv[-1]", repr(str(tmp_path / "n.png"))))
    assert result.returncode == 0, result.stderr
    (data_dir / "scratch").mkdir()
    return data_dir


def environment(data_dir: Path) -> dict:
    scratch = {"FAREWELL_SCRATCH_DIR": str(data_dir / "scratch")}
    return clean_environment(data_dir) | LOCAL_HTTP | FAST_RECOVERY | scratch


MANY = """
import tempfile
from pathlib import Path
from PIL import Image
from farewell.cases.actions import do_receive_testimony
from farewell.vault.uploads import encrypt_local_file
with tempfile.TemporaryDirectory() as folder:
    files = []
    for number in range(8):
        photo = Path(folder) / f"{number}.png"
        Image.new("RGB", (1200, 900), (number * 30, 0, 0)).save(photo)
        files.append(encrypt_local_file(photo, name=photo.name, content_type="image/png"))
do_receive_testimony(story="story", consent="text_media", language="ru", files=files)
"""


def jobs(data_dir: Path, kind: str = "clean") -> list[tuple[str, int, str]]:
    """Jobs of one kind (each cleaned file also gets a render job)."""
    with sqlite3.connect(data_dir / "farewell.sqlite3") as database:
        query = "SELECT state, attempts, error FROM jobs_job WHERE kind = ? ORDER BY id"
        return database.execute(query, (kind,)).fetchall()


def cleaned_files(data_dir: Path) -> int:
    with sqlite3.connect(data_dir / "farewell.sqlite3") as database:
        return database.execute("SELECT count(*) FROM cases_cleanedfile WHERE stored_id IS NOT NULL").fetchone()[0]


def job(data_dir: Path) -> tuple[str, int]:
    with sqlite3.connect(data_dir / "farewell.sqlite3") as database:
        return database.execute("SELECT state, attempts FROM jobs_job WHERE kind = 'clean'").fetchone()


def start_worker(data_dir: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "farewell.cli", "worker"],
        env=environment(data_dir),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_for(condition, seconds=60, what="condition"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def cleaners(data_dir: Path) -> list[int]:
    """The sandboxed cleaners working in this instance's scratch directory (not another test's)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes() if entry.name.isdigit() else b""
            if b"farewell.anonymize.media.child" in command and str(data_dir / "scratch").encode() in command:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def scratch_dirs(data_dir: Path, pid: int | str = "*") -> list[Path]:
    """Scratch directories in the instance, of one worker process when `pid` is given."""
    return list((data_dir / "scratch").glob(f"farewell-clean-{pid}-*"))


def test_a_killed_worker_leaves_no_cleaner_and_the_next_worker_finishes_the_job(instance):
    worker = start_worker(instance)
    try:
        wait_for(lambda: cleaners(instance) and job(instance)[0] == "running", what="the cleaner to start")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        wait_for(lambda: not cleaners(instance), seconds=10, what="the orphaned cleaner to die with its worker")
        assert job(instance) == ("running", 1)  # what a killed worker leaves: a lease nobody renews
        assert scratch_dirs(instance, worker.pid), "the killed worker could not remove its scratch directory"
    finally:
        if worker.poll() is None:
            worker.kill()

    successor = start_worker(instance)
    try:
        wait_for(lambda: job(instance)[0] == "done", what="the next worker to finish the job")
        assert job(instance) == ("done", 2)
        # (the successor may already be rendering the cleaned file in a scratch directory of its own)
        assert not scratch_dirs(instance, worker.pid), "the plaintext left by the killed worker must be swept"
    finally:
        successor.terminate()
        successor.wait(timeout=30)


def test_sigterm_stops_a_worker_promptly_and_releases_its_job(instance):
    worker = start_worker(instance)
    wait_for(lambda: cleaners(instance) and job(instance)[0] == "running", what="the cleaner to start")
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=10) == 0 or worker.returncode in (1, -signal.SIGTERM)
    wait_for(lambda: not cleaners(instance), seconds=10, what="the cleaner to die with its worker")
    assert job(instance) == ("queued", 0)  # released, the attempt not counted
    assert not scratch_dirs(instance)
    result = subprocess.run(
        [sys.executable, "-m", "farewell.cli", "worker", "--once"], env=environment(instance), capture_output=True
    )
    assert result.returncode == 0, result.stderr
    assert job(instance) == ("done", 1)


def test_two_workers_share_the_queue_and_no_job_runs_twice(instance):
    result = run_farewell(instance, "shell", "-c", MANY)
    assert result.returncode == 0, result.stderr
    workers = [start_worker(instance), start_worker(instance)]
    try:
        every = lambda: jobs(instance) + jobs(instance, "render")  # noqa: E731
        wait_for(
            lambda: len(every()) == 18 and all(state == "done" for state, _a, _e in every()),
            seconds=180,
            what="every job",
        )
    finally:
        for process in workers:
            process.terminate()
            process.wait(timeout=30)
    assert [attempts for _state, attempts, _error in jobs(instance)] == [1] * 9  # the noise photo and 8 more
    assert [attempts for _state, attempts, _error in jobs(instance, "render")] == [1] * 9  # a preview for each
    assert cleaned_files(instance) == 9

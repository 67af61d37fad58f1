"""Running the cleaner in a keyless sandbox: a freshly exec'd child process with a scrubbed
environment, no network and no view of the data directory or the secrets (bubblewrap: new
mount, network, PID, IPC and user namespaces; `unshare -n` alone where bubblewrap is missing),
a private working directory, and CPU, memory, file-size and time limits. The child dies
with its parent (a killed worker leaves no cleaner running), and scratch directories of dead
parents are swept."""

from __future__ import annotations

import ctypes
import json
import os
import re
import resource
import selectors
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from farewell.anonymize.media.formats import EXTENSIONS
from farewell.anonymize.media.report import MetadataItem, RenderReport, Report

PREFIX = "farewell-clean-"
PR_SET_PDEATHSIG = 1
# How the kernel stops a child at its limits (CPU time, file size, or our wall-clock kill).
LIMIT_SIGNALS = {signal.SIGXCPU, signal.SIGXFSZ, signal.SIGKILL}
# Configuration the child may read besides /usr: fonts (page rendering) and LibreOffice's own
# settings (/usr/lib/libreoffice links into /etc/libreoffice). Neither holds anything of the instance.
READABLE_CONFIGURATION = (
    "/etc/ld.so.cache",
    "/etc/localtime",
    "/etc/fonts",
    "/var/cache/fontconfig",  # the font list, so that each render does not scan every font again
    "/etc/libreoffice",
)
# What a render may list: part-NNN with the extension of its type, nothing else (the child's word is checked).
PART_NAME = re.compile(r"part-[0-9]{3}(\.[a-z0-9]{2,4})")
PART_KINDS = ("image/png", "image/jpeg", "video/mp4", "audio/mp4", "audio/mpeg", "audio/ogg", "audio/flac", "audio/wav")
PART_TYPES = {mime: EXTENSIONS[mime] for mime in (*PART_KINDS, "application/json")}


@dataclass(frozen=True)
class Limits:
    # Faces are searched in every video frame (~3 fps at 1080p on 2 cores): a long phone video
    # needs an hour or more. A bomb is stopped by the size and duration guards long before.
    cpu_seconds: int = 3 * 3600
    memory_bytes: int = 3 * 1024**3  # address space: libav and libheif reserve generously
    file_bytes: int = 4 * 1024**3  # largest file the child may write
    wall_seconds: int = 3 * 3600


DEFAULT_LIMITS = Limits()


@cache
def network_isolation() -> tuple[str, ...]:
    """`unshare -n` if this machine lets us use it (as root, or with user namespaces)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    for prefix in ((unshare, "-n"), (unshare, "-r", "-n")):
        if _works(prefix):
            return prefix
    return ()


def _works(prefix: list[str] | tuple[str, ...]) -> bool:
    try:
        return subprocess.run([*prefix, "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _readable_roots() -> list[str]:
    """What the child needs to read besides /usr: the Python installation, the virtualenv and
    this package (an editable install lives outside site-packages)."""
    import farewell

    roots = {sys.base_prefix, sys.prefix, str(Path(farewell.__file__).resolve().parent)}
    return sorted(root for root in roots if not Path(root).resolve().is_relative_to("/usr"))


def _bubblewrap(work: Path) -> list[str]:
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return []
    command = [bwrap, "--die-with-parent", "--unshare-all", "--new-session", "--cap-drop", "ALL"]
    command += ["--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for name in ("bin", "lib", "lib64", "sbin"):  # merged /usr: these are links into it
        if Path(f"/{name}").is_symlink():
            command += ["--symlink", f"usr/{name}", f"/{name}"]
    for path in READABLE_CONFIGURATION:
        if Path(path).exists():
            command += ["--ro-bind", path, path]
    for root in _readable_roots():
        command += ["--ro-bind", root, root]
    return [*command, "--bind", str(work), str(work), "--chdir", str(work)]


@cache
def filesystem_isolation() -> bool:
    """Whether bubblewrap runs here (it needs user namespaces, or root)."""
    with tempfile.TemporaryDirectory() as probe:
        prefix = _bubblewrap(Path(probe))
        return bool(prefix) and _works(prefix)


def confinement(work: Path) -> list[str]:
    """The command prefix that confines the child: bubblewrap (a new mount namespace that shows
    only /usr, the Python installation and the private directory, plus new network, PID, IPC
    and user namespaces), else `unshare -n` (network only), else nothing."""
    if filesystem_isolation():
        return _bubblewrap(work)
    return list(network_isolation())


def _confine(limits: Limits) -> Callable[[], None]:
    def apply() -> None:
        for limit, value in (
            (resource.RLIMIT_CPU, limits.cpu_seconds),
            (resource.RLIMIT_AS, limits.memory_bytes),
            (resource.RLIMIT_FSIZE, limits.file_bytes),
            (resource.RLIMIT_NOFILE, 64),
            (resource.RLIMIT_CORE, 0),  # a core dump would hold the plaintext
        ):
            resource.setrlimit(limit, (value, value))
        die_with_parent(signal.SIGKILL)  # a worker killed mid-job leaves no cleaner behind
        os.setsid()

    return apply


def die_with_parent(sig: int) -> None:
    """Asks Linux to send `sig` to this process when its parent exits (call it in a child)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, sig)
    except (OSError, AttributeError):
        pass


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


@dataclass(frozen=True)
class Scratch:
    """A private directory for one file: `input` is what the child reads, `output` what it writes."""

    path: Path

    @property
    def input(self) -> Path:
        return self.path / "input"

    @property
    def output(self) -> Path:
        return self.path / "output"

    @property
    def rendered(self) -> Path:
        """Where a render writes its parts (emptied before each render)."""
        return self.path / "rendered"

    @property
    def spoken(self) -> Path:
        """Where a synthetic reading is written."""
        return self.path / "spoken"

    @property
    def params(self) -> Path:
        return self.path / "render.json"


@contextmanager
def scratch(root: Path | None = None) -> Iterator[Scratch]:
    """Named after this process, so that sweep_scratch can tell an abandoned one."""
    path = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=root))
    os.chmod(path, 0o700)
    try:
        yield Scratch(path)
    finally:
        shutil.rmtree(path, ignore_errors=True)


def sweep_scratch(root: Path | None = None) -> int:
    """Removes scratch directories whose process is gone (a worker killed with kill -9 cannot
    clean up after itself: the plaintext it was cleaning would stay). Returns how many."""
    base, removed = Path(root or tempfile.gettempdir()), 0
    for path in base.glob(f"{PREFIX}*"):
        try:
            pid = int(path.name.removeprefix(PREFIX).split("-", 1)[0])
        except ValueError:
            continue
        if not _alive(pid):
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def run_child(
    work: Scratch,
    operation: str,
    voice: str = "keep",
    *,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[float], None] | None = None,
    tick_seconds: float = 5.0,
) -> Report:
    """Runs the child on work.input; on success of a clean, work.output holds the result.

    `progress(fraction)` is called on every progress message and at least every tick_seconds
    (a job renews its lease from it); the child is killed at the wall-clock limit."""
    arguments = [operation, str(work.input), str(work.output), voice]
    last, limited = _communicate(work, arguments, limits, progress, tick_seconds)
    if last is None:
        return Report(refused="limit" if limited else "crash")
    report = Report(**{**last, "metadata": [MetadataItem(**item) for item in last["metadata"]]})
    if operation == "clean" and report.refused is None and not work.output.is_file():
        return Report(type=report.type, refused="crash")
    return report


def run_render(
    work: Scratch,
    params: dict,
    *,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[float], None] | None = None,
    tick_seconds: float = 5.0,
) -> RenderReport:
    """Renders work.input (a cleaned file) as `params` say (render.py); on success work.rendered
    holds exactly the parts the report lists. Can run several times on the same work."""
    shutil.rmtree(work.rendered, ignore_errors=True)
    work.rendered.mkdir(mode=0o700)
    work.params.write_text(json.dumps(params))
    arguments = ["render", str(work.input), str(work.rendered), str(work.params)]
    last, limited = _communicate(work, arguments, limits, progress, tick_seconds)
    return _parts_report(last, limited, work.rendered)


def run_speak(
    work: Scratch,
    text: str,
    language: str,
    *,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[float], None] | None = None,
    tick_seconds: float = 5.0,
) -> RenderReport:
    """Reads `text` aloud with a synthetic voice (speech.py) into work.spoken: one Opus part."""
    shutil.rmtree(work.spoken, ignore_errors=True)
    work.spoken.mkdir(mode=0o700)
    transcript = work.path / "transcript.txt"
    transcript.write_text(text, encoding="utf-8")
    arguments = ["speak", str(transcript), language, str(work.spoken)]
    last, limited = _communicate(work, arguments, limits, progress, tick_seconds)
    transcript.unlink(missing_ok=True)
    return _parts_report(last, limited, work.spoken)


def _parts_report(last, limited: bool, directory: Path) -> RenderReport:
    """A render's or reading's report, believed only as far as the parts it lists are really there."""
    if not isinstance(last, dict):
        return RenderReport(refused="limit" if limited else "crash")
    try:
        report = RenderReport(**last)
    except TypeError:
        return RenderReport(refused="crash")
    if report.refused is not None:
        report.parts = []
    elif not checked_parts(directory, report.parts):
        return RenderReport(type=report.type, refused="crash")
    return report


def checked_parts(directory: Path, parts) -> bool:
    """Whether the parts a child listed are plain files it wrote, named and typed as a render names them."""
    if not isinstance(parts, list):
        return False
    for part in parts:
        if not isinstance(part, dict) or set(part) != {"name", "type", "page", "faces", "boxes"}:
            return False
        match = PART_NAME.fullmatch(part["name"]) if isinstance(part["name"], str) else None
        if match is None or PART_TYPES.get(part["type"]) != match.group(1):
            return False
        if not all(isinstance(part[key], int) and part[key] >= 0 for key in ("faces", "boxes")):
            return False
        if part["page"] is not None and not isinstance(part["page"], int):
            return False
        try:
            if not stat.S_ISREG(os.lstat(directory / part["name"]).st_mode):  # no link out of the directory
                return False
        except OSError:
            return False
    return len({part["name"] for part in parts}) == len(parts)


def _communicate(work: Scratch, arguments: list[str], limits: Limits, progress, tick_seconds: float):
    """Runs the child with `arguments`; returns its last report (None if it gave none) and whether
    it was stopped at a limit."""
    # -I: the child ignores PYTHON* variables and the working directory on import paths.
    command = [*confinement(work.path), sys.executable, "-I", "-m", "farewell.anonymize.media.child", *arguments]
    child = subprocess.Popen(
        command,
        cwd=work.path,
        env=environment(work.path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        preexec_fn=_confine(limits),
    )
    started, last, fraction = time.monotonic(), None, 0.0
    deadline = started + limits.wall_seconds
    try:
        for line in _lines(child, deadline, tick_seconds):
            message = _message(line)
            if isinstance(message, dict) and set(message) == {"progress"}:
                fraction = float(message["progress"])
            elif message is not None:
                last = message
            if progress is not None:  # also called every tick_seconds: a heartbeat for the caller
                progress(fraction)
    finally:
        _kill(child)
        child.stdout.close()
    limited = time.monotonic() >= deadline or -child.returncode in LIMIT_SIGNALS
    return last, limited


def _lines(child: subprocess.Popen, deadline: float, tick_seconds: float) -> Iterator[bytes | None]:
    """The child's report lines as they come, and None every tick_seconds of silence, until it
    exits or the deadline passes."""
    pending = b""
    with selectors.DefaultSelector() as selector:
        selector.register(child.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=min(tick_seconds, max(deadline - time.monotonic(), 0))):
                yield None
                continue
            data = os.read(child.stdout.fileno(), 65536)
            if not data:
                if pending:
                    yield pending
                return
            pending += data
            *complete, pending = pending.split(b"\n")
            yield from complete
            if len(pending) > 1024 * 1024:  # a report line is small: something is wrong
                return


def _message(line: bytes | None):
    if not line:
        return None
    try:
        return json.loads(line)
    except ValueError:
        return None


def _kill(child: subprocess.Popen) -> None:
    if child.poll() is None:
        try:
            os.killpg(child.pid, signal.SIGKILL)  # the child and anything it started
        except ProcessLookupError:
            pass
        child.wait()


def run(
    operation: str,
    source: Path,
    target: Path | None = None,
    voice: str = "keep",
    *,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[float], None] | None = None,
) -> Report:
    """Cleans or inspects a file given by path (the CLI's way): copies it into a private
    directory, runs the child there, moves the output to target only when it was cleaned."""
    with scratch() as work:
        shutil.copyfile(source, work.input)
        report = run_child(work, operation, voice, limits=limits, progress=progress)
        if operation == "clean" and report.refused is None:
            shutil.move(work.output, target)
        return report


def render(
    source: Path,
    out_dir: Path,
    params: dict,
    *,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[float], None] | None = None,
) -> RenderReport:
    """Renders a cleaned file given by path (the CLI's way) into out_dir, which receives the parts."""
    with scratch() as work:
        shutil.copyfile(source, work.input)
        report = run_render(work, params, limits=limits, progress=progress)
        for part in report.parts:
            shutil.move(work.rendered / part["name"], Path(out_dir) / part["name"])
        return report

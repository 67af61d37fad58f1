"""Documents as page images: PDF pages rasterized by PDFium (pypdfium2); office documents laid out
as PDF by LibreOffice first (headless, a throwaway profile in the private directory, a time limit).

Both run only inside the sandboxed child: the network is gone and the file system shows /usr, the
font and LibreOffice configuration (sandbox.py) and the private directory, which is HOME and TMPDIR.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image

from farewell.anonymize.media.formats import EXTENSIONS
from farewell.anonymize.media.report import Refused

PUBLISH_DPI = 150  # legible body text; previews are these pages scaled down (render.py)
MAX_SIDE = 4000  # pixels: a poster-sized page is rendered smaller, not at 150 dpi
MAX_PAGES = 300
OFFICE_SECONDS = 300  # LibreOffice's own limit, inside the child's
POINTS_PER_INCH = 72


@contextmanager
def document(path: Path) -> Iterator:
    """The PDF opened by PDFium; refuses what it cannot open and documents with too many pages."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError, ValueError):
        raise Refused("corrupt") from None
    try:
        if len(pdf) == 0:
            raise Refused("corrupt")
        if len(pdf) > MAX_PAGES:
            raise Refused("too_large")
        yield pdf
    finally:
        pdf.close()


def rasterize(pdf, number: int, dpi: int = PUBLISH_DPI, max_side: int = MAX_SIDE) -> Image.Image:
    """Page `number` (1-based) as an RGB picture on white, at `dpi` or smaller to fit max_side."""
    import pypdfium2 as pdfium

    try:
        page = pdf[number - 1]
        try:
            width, height = page.get_size()  # points
            longest = max(width, height, 1.0)
            scale = min(dpi / POINTS_PER_INCH, max_side / longest)
            bitmap = page.render(scale=scale, may_draw_forms=False)
            image = bitmap.to_pil().convert("RGB")
        finally:
            page.close()
    except pdfium.PdfiumError:
        raise Refused("corrupt") from None
    # A new picture from the pixels alone.
    return Image.frombytes("RGB", image.size, image.tobytes())


def office_to_pdf(source: Path, mime: str, work: Path) -> Path:
    """The office document laid out by LibreOffice as a PDF in `work` (a fresh directory)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise Refused("renderer_unavailable")
    named = work / f"document{EXTENSIONS.get(mime, '')}"  # LibreOffice picks its filter by the name too
    shutil.copyfile(source, named)
    profile, out = work / "profile", work / "pdf"
    out.mkdir()
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",  # never a real profile, and nothing kept
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        "--nodefault",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(named),
    ]
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(work), "TMPDIR": str(work), "LANG": "C.UTF-8"}
    returncode = run_limited(command, work, environment, OFFICE_SECONDS)
    result = out / "document.pdf"
    if returncode != 0 or not result.is_file() or result.stat().st_size == 0:
        raise Refused("corrupt")  # LibreOffice could not lay it out
    return result


def run_limited(command: list[str], cwd: Path, environment: dict[str, str], seconds: float) -> int:
    """Runs a program in a process group of its own and returns its exit status; at the time limit
    (Refused "limit") and after it exits, the whole group is killed: LibreOffice starts helpers
    (oosplash, soffice.bin) and none may outlive the conversion."""
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        return process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        raise Refused("limit") from None
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        process.wait()


@contextmanager
def office_document(source: Path, mime: str) -> Iterator[Path]:
    """The office document as a PDF, in a temporary directory removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="render-office-") as work:
        yield office_to_pdf(source, mime, Path(work))

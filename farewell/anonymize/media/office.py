"""Office documents (DOCX, XLSX, PPTX, ODT, ODS, ODP): read under bomb limits, rewritten as new zips."""

# What both families share lives here: the guarded zip reader and XML parser, the zip writer and
# the handler API. What a part means and how it is cleaned is in ooxml.py and odf.py, imported
# only for a file of their family.

from __future__ import annotations

import re
import shutil
import struct
import tempfile
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from farewell.anonymize.media import images
from farewell.anonymize.media.formats import ODF
from farewell.anonymize.media.report import MetadataItem, Refused, Report, short

MAX_MEMBERS = 10_000
MAX_TOTAL = 200 * 1024**2  # inflated bytes of all members together
MAX_MEMBER = 100 * 1024**2
MAX_RATIO = 400  # deflate tops out near 1,030:1 on zeros; text and XML stay far below 100:1
RATIO_GRACE = 1024**2  # small members may be all padding: the ratio counts only past this
CHUNK = 64 * 1024
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o644 << 16  # zipfile turns a zero mode into 0o600: one fixed mode for every member instead
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff", ".bmp", ".webp")
MAX_IMAGE_ITEMS = 40  # per embedded image, in a metadata report

# Both formats forbid DTDs; refusing them before libxml2 sees them rules out entity bombs and XXE.
_DOCTYPE = tuple("<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    huge_tree=False,  # keeps libxml2's caps on depth and text node size
    load_dtd=False,
    remove_comments=True,  # an XML comment can say anything, and no reader needs it
    remove_pis=True,
    collect_ids=False,
)
_BAD_NAME = re.compile(r"(^[/\\])|\\|\x00|(^[A-Za-z]:)")
_FILE_NAME = re.compile(r"[\\/]|\.[A-Za-z0-9]{2,5}\s*$")


@dataclass
class Job:
    """What cleaning a document needs besides its parts: scratch space, a tally for the report."""

    work: Path
    progress: Callable[[float], None] | None = None
    removed: Counter = field(default_factory=Counter)

    def image(self, data: bytes) -> bytes:
        return images.reencode(data, self.work)[0]

    def tick(self, done: int, total: int) -> None:
        if self.progress is not None and total:
            self.progress(done / total)


def metadata(source: Path, mime: str) -> list[MetadataItem]:
    members = read_members(source)
    items = _family(mime).metadata(members)
    return items + _image_metadata(members)


def clean(source: Path, target: Path, mime: str, *, voice: str = "keep", progress=None) -> Report:
    members = read_members(source)
    job = Job(Path(tempfile.mkdtemp(prefix="office-")), progress)
    try:
        parts = _family(mime).clean(members, mime, job)
    finally:
        shutil.rmtree(job.work, ignore_errors=True)
    write_zip(target, parts)
    removed = [MetadataItem("Removed", what, str(count)) for what, count in sorted(job.removed.items()) if count]
    return Report(metadata=removed)


def _family(mime: str):
    if mime.startswith(ODF):
        from farewell.anonymize.media import odf

        return odf
    from farewell.anonymize.media import ooxml

    return ooxml


# --- the zip, in and out -------------------------------------------------------------------------


def read_members(source: Path) -> dict[str, bytes]:
    """Every file member, inflated in chunks under limits that do not trust the declared sizes."""
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS or sum(info.file_size for info in infos) > MAX_TOTAL:
                raise Refused("too_large")
            return _inflate_all(archive, infos, Path(source).stat().st_size)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError, ValueError, OSError):
        raise Refused("corrupt") from None
    except NotImplementedError:
        raise Refused("unsupported") from None


def _inflate_all(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], archive_size: int) -> dict[str, bytes]:
    members: dict[str, bytes] = {}
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = _checked_name(info.filename)
        if name.lower() in seen:  # readers disagree on which duplicate counts: one could hide content
            raise Refused("corrupt")
        seen.add(name.lower())
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            raise Refused("encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Refused("unsupported")
        data = _inflate(archive, info, min(MAX_MEMBER, MAX_TOTAL - total), min(info.compress_size, archive_size))
        total += len(data)
        members[name] = data
    return members


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, compressed: int) -> bytes:
    chunks, size = [], 0
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > limit or (size > RATIO_GRACE and size > MAX_RATIO * max(compressed, 1)):
                raise Refused("too_large")
            chunks.append(chunk)
    return b"".join(chunks)


def _checked_name(name: str) -> str:
    parts = name.rstrip("/").split("/")
    if not name or _BAD_NAME.search(name) or any(part in ("", ".", "..") for part in parts):
        raise Refused("corrupt")
    return name


def write_zip(target: Path, parts: list[tuple[str, bytes]]) -> None:
    """A new archive: fixed dates, no extra fields, no comment, no attributes, in the given order.
    Only ODF's `mimetype` is stored uncompressed, as ODF requires."""
    if len({name for name, _ in parts}) != len(parts):
        raise Refused("corrupt")  # two members of one name: never write what readers would disagree on
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.create_system, info.external_attr = 3, FILE_MODE  # the same for every member of every file
            archive.writestr(info, data, compresslevel=6)


# --- XML ----------------------------------------------------------------------------------------


def parse(data: bytes) -> etree._Element:
    if any(marker in data for marker in _DOCTYPE):
        raise Refused("corrupt")
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        raise Refused("corrupt") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise Refused("corrupt")
    return root


def serialize(root: etree._Element, standalone: bool | None = None) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=standalone)


def tags(namespaces, *names: str) -> frozenset[str]:
    """Clark names ({namespace}name) of the given names in each of the namespaces."""
    namespaces = [namespaces] if isinstance(namespaces, str) else namespaces
    return frozenset(f"{{{namespace}}}{name}" for namespace in namespaces for name in names)


LOCAL_PATH = re.compile(r"^(file:|smb:|\\\\|//|/|[a-z]:[\\/])", re.IGNORECASE)


def names_a_local_file(target: str) -> bool:
    """A link to file:///C:/Users/… or \\\\server\\share names the author's computer or network."""
    return bool(LOCAL_PATH.match(target.strip()))


def local(element_or_name) -> str:
    name = element_or_name if isinstance(element_or_name, str) else element_or_name.tag
    return name.rsplit("}", 1)[-1]


def namespace(element) -> str:
    return element.tag[1:].split("}", 1)[0] if element.tag.startswith("{") else ""


def walk(root: etree._Element, visit: Callable[[etree._Element], bool]) -> None:
    """Visits every element in document order, but not the inside of one that visit removed
    (it returns True): what goes with its parent is neither cleaned nor counted."""
    stack = [root]
    while stack:
        element = stack.pop()
        if not visit(element):
            stack.extend(reversed([child for child in element if isinstance(child.tag, str)]))


def drop(element: etree._Element) -> None:
    """Removes an element but keeps the text after it (in ODF a comment sits inside a sentence)."""
    parent = element.getparent()
    if parent is None:
        return
    _keep_text(element, element.tail)
    parent.remove(element)


def unwrap(element: etree._Element) -> None:
    """Replaces an element with its content (an accepted insertion keeps its text)."""
    parent = element.getparent()
    if parent is None:
        return
    _keep_text(element, element.text)
    element.text = None
    for child in list(element):
        element.addprevious(child)  # constant time, unlike insert at an index: siblings can be many
    drop(element)


def _keep_text(element: etree._Element, text: str | None) -> None:
    if not text:
        return
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent = element.getparent()
        parent.text = (parent.text or "") + text


def looks_like_file_name(value: str | None) -> bool:
    """Office fills image names and descriptions with the inserted file's name or path."""
    return bool(value) and bool(_FILE_NAME.search(value))


def text_items(group: str, root: etree._Element) -> list[MetadataItem]:
    """One item per child element that holds text (a properties part)."""
    return [
        MetadataItem(group, local(child), short(child.text.strip()))
        for child in root
        if isinstance(child.tag, str) and len(child) == 0 and child.text and child.text.strip()
    ]


def _image_metadata(members: dict[str, bytes]) -> list[MetadataItem]:
    """What the embedded photos carry (GPS, camera): the reviewer should know it was there."""
    names = [name for name in sorted(members) if name.lower().endswith(IMAGE_SUFFIXES)]
    if not names:
        return []
    work, items = Path(tempfile.mkdtemp(prefix="office-")), []
    try:
        for name in names:
            path = work / "embedded"
            path.write_bytes(members[name])
            try:
                found = images.metadata(path)
            except Refused:
                continue
            label = name.rsplit("/", 1)[-1]
            items += [MetadataItem("Embedded", f"{label} {item.tag}", item.value) for item in found[:MAX_IMAGE_ITEMS]]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return items

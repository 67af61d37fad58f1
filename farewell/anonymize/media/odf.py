"""ODF packages (ODT, ODS, ODP): which members are kept, dropped or refused, and what they tell."""

from __future__ import annotations

import base64
import binascii
import posixpath
import re
from urllib.parse import unquote

from lxml import etree

from farewell.anonymize.media.office import (
    Job,
    drop,
    local,
    looks_like_file_name,
    names_a_local_file,
    namespace,
    parse,
    serialize,
    tags,
    text_items,
    walk,
)
from farewell.anonymize.media.report import MetadataItem, Refused, short

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
DC = "http://purl.org/dc/elements/1.1/"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
CONFIG = "urn:oasis:names:tc:opendocument:xmlns:config:1.0"
MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
XLINK = "http://www.w3.org/1999/xlink"
OFFICEOOO = "http://openoffice.org/2009/office"
MANIFEST_NAME = "META-INF/manifest.xml"

# Members that exist for the application, not the reader; value: the report's label.
DROPPED_PREFIXES = {
    "Thumbnails/": "thumbnail",
    "Configurations2/": "user interface settings",
    "layout-cache": "layout cache",
    "META-INF/documentsignatures.xml": "digital signature",  # it names the signer
    "META-INF/macrosignatures.xml": "digital signature",
    "Fonts/": "embedded fonts",  # a font file is not ours to clean; the text keeps its font name
}
MACRO_FOLDERS = ("Basic/", "Dialogs/", "Scripts/")
LIBRARY_INDEXES = {"script-lc.xml", "script-lb.xml", "dialog-lc.xml", "dialog-lb.xml"}  # no code in them
CORE = {"content.xml", "styles.xml", "meta.xml", "settings.xml", "manifest.rdf"}
IMAGE_FOLDERS = ("Pictures/", "ObjectReplacements/")

REMOVED = (
    tags(OFFICE, "annotation", "annotation-end", "event-listeners")
    | tags(OFFICEOOO, "annotation", "annotation-end")
    | tags((TEXT, TABLE), "tracked-changes")
    | tags(TEXT, "change", "change-start", "change-end")
)
# Fields that print the author, the user's address book entry, the file's path or its dates.
FIELDS = tags(
    TEXT,
    *("author-name", "author-initials", "initial-creator", "creator", "creation-date", "creation-time"),
    *("modification-date", "modification-time", "editing-duration", "editing-cycles", "print-date"),
    *("print-time", "printed-by", "file-name", "template-name", "user-defined"),
    *("sender-firstname", "sender-lastname", "sender-initials", "sender-title", "sender-position"),
    *("sender-email", "sender-phone-private", "sender-fax", "sender-company", "sender-phone-work"),
    *("sender-street", "sender-city", "sender-postal-code", "sender-country", "sender-state-or-province"),
)
ATTRIBUTES = tags(OFFICEOOO, "rsid", "paragraph-rsid")  # LibreOffice's editing-session ids
HREF = f"{{{XLINK}}}href"
BINARY_DATA = f"{{{OFFICE}}}binary-data"
# Settings that only set how the application behaves: no strings (printer names, paths, data
# sources, password hashes), and none of the numbers that are session ids.
SAFE_SETTING_TYPES = {"boolean", "short", "int", "long", "double"}
LAYOUT_SETTINGS = {"PrinterIndependentLayout"}  # a string, but one of a few words; text layout depends on it
UNSAFE_SETTING = re.compile(r"rsid|print|fax|database|datasource", re.IGNORECASE)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def clean(members: dict[str, bytes], mime: str, job: Job) -> list[tuple[str, bytes]]:
    listed = _manifest_entries(members)
    kept, xml_names = {}, []
    for name in sorted(name for name in members if name not in ("mimetype", MANIFEST_NAME)):
        if (label := _dropped(name, listed)) is not None:
            job.removed[label] += 1
        elif _is_xml(name, listed):
            xml_names.append(name)
        elif (data := _clean_binary(name, members[name], listed, job)) is not None:
            kept[name] = data
    known = _with_folders([*kept, *xml_names])  # what links inside the XML may point to
    for done, name in enumerate(xml_names):
        kept[name] = _clean_xml(name, members[name], known, job)
        job.tick(done, len(xml_names) + 1)
    manifest = _manifest(members, listed, set(kept), mime)
    return [("mimetype", mime.encode("ascii")), *sorted([*kept.items(), (MANIFEST_NAME, manifest)])]


def _with_folders(names) -> set[str]:
    found = set()
    for name in names:
        parts = name.split("/")
        found.update("/".join(parts[:end]) for end in range(1, len(parts) + 1))
    return found


def _manifest_entries(members: dict[str, bytes]) -> dict[str, etree._Element]:
    if MANIFEST_NAME not in members or "mimetype" not in members:
        raise Refused("corrupt")
    root = parse(members[MANIFEST_NAME])
    if any(True for _ in root.iter(f"{{{MANIFEST}}}encryption-data")):
        raise Refused("encrypted")
    return {entry.get(f"{{{MANIFEST}}}full-path"): entry for entry in root.iter(f"{{{MANIFEST}}}file-entry")}


def _media_type(name: str, listed: dict) -> str:
    entry = listed.get(name)
    return (entry.get(f"{{{MANIFEST}}}media-type") or "") if entry is not None else ""


def _is_xml(name: str, listed: dict) -> bool:
    return name.lower().endswith((".xml", ".rdf")) or "xml" in _media_type(name, listed)


def _dropped(name: str, listed: dict) -> str | None:
    """The report's label if the member goes, None if it stays; raises for macros."""
    for prefix, label in DROPPED_PREFIXES.items():
        if name.startswith(prefix):
            return label
    if name.startswith(MACRO_FOLDERS):
        if name.rsplit("/", 1)[-1] in LIBRARY_INDEXES:
            return "empty macro library"
        raise Refused("embedded_unsupported")
    if name not in listed and name.rsplit("/", 1)[-1] not in CORE:
        return "unreferenced parts"  # the application never reads what the manifest does not list
    return None


def _clean_binary(name: str, data: bytes, listed: dict, job: Job) -> bytes | None:
    if name.startswith("ObjectReplacements/"):
        try:  # a cached picture of an embedded object: the application redraws it when missing
            return job.image(data)
        except Refused:
            job.removed["object previews"] += 1
            return None
    if name.startswith(IMAGE_FOLDERS) or _media_type(name, listed).startswith("image/"):
        return job.image(data)
    raise Refused("embedded_unsupported")  # OLE objects, sounds, videos, applets


def _clean_xml(name: str, data: bytes, known: set[str], job: Job) -> bytes:
    if not data.strip():
        return b""
    root = parse(data)
    base = name.rsplit("/", 1)[-1]
    if base == "meta.xml":
        job.removed["document properties"] += sum(len(child) for child in root)
        return serialize(_minimal_meta(root))
    if base == "settings.xml":
        job.removed["settings"] += _filter_settings(root)
        return serialize(root)
    _scrub(root, posixpath.dirname(name), known, job)
    return serialize(root)


def _minimal_meta(original: etree._Element) -> etree._Element:
    root = etree.Element(f"{{{OFFICE}}}document-meta", nsmap={"office": OFFICE})
    if version := original.get(f"{{{OFFICE}}}version"):
        root.set(f"{{{OFFICE}}}version", version)
    etree.SubElement(root, f"{{{OFFICE}}}meta")
    return root


def _filter_settings(root: etree._Element) -> int:
    dropped = []
    walk(root, lambda element: _setting(element, dropped))
    for element in reversed(list(root.iter(f"{{{CONFIG}}}config-item-set", f"{{{OFFICE}}}settings"))):
        if len(element) == 0:  # both must hold something to be valid
            drop(element)
    return len(dropped)


def _setting(element: etree._Element, dropped: list) -> bool:
    name, kind = element.get(f"{{{CONFIG}}}name") or "", element.get(f"{{{CONFIG}}}type")
    if local(element) == "config-item-set" and name == "ooo:view-settings":
        drop(element)  # windows, zoom, cursor: nothing a reader needs
        return True
    if local(element).startswith("config-item-map") or (
        local(element) == "config-item"
        and name not in LAYOUT_SETTINGS
        and (kind not in SAFE_SETTING_TYPES or UNSAFE_SETTING.search(name))
    ):
        drop(element)
        dropped.append(name)
        return True
    return False


def _scrub(root: etree._Element, folder: str, known: set[str], job: Job) -> None:
    walk(root, lambda element: _visit(element, folder, known, job))


def _visit(element: etree._Element, folder: str, known: set[str], job: Job) -> bool:
    if element.tag in REMOVED or namespace(element) in (DC, META):
        if local(element) == "annotation":
            job.removed["comments"] += 1
        elif local(element) == "tracked-changes":
            job.removed["tracked changes accepted"] += len(element)
        drop(element)
        return True
    if element.tag in FIELDS:
        job.removed["personal fields"] += 1
        drop(element)
        return True
    _clean_element(element, folder, known, job)
    return False


def _clean_element(element: etree._Element, folder: str, known: set[str], job: Job) -> None:
    for key in element.attrib.keys():
        if key in ATTRIBUTES:
            del element.attrib[key]
            job.removed["session ids (rsid)"] += 1
    if looks_like_file_name(element.get(f"{{{DRAW}}}name")):
        del element.attrib[f"{{{DRAW}}}name"]
        job.removed["image file names"] += 1
    if element.tag == BINARY_DATA:
        element.text = _inline_image(element.text or "", job)
    if element.get(HREF) is not None and local(element) != "a":  # hyperlinks are the author's text
        _check_link(element, folder, known)
    elif element.get(HREF) is not None and names_a_local_file(element.get(HREF)):
        raise Refused("linked_content")  # …unless they point into the author's computer or network


def _check_link(element: etree._Element, folder: str, known: set[str]) -> None:
    """Internal references stay, those to removed members go; external ones (linked pictures,
    sections or objects) would name a path or make the reader's application fetch a URL."""
    href = element.get(HREF)
    if not href or href.startswith("#"):
        return
    if SCHEME.match(href) or href.startswith("/"):
        raise Refused("linked_content")
    path = posixpath.normpath(posixpath.join(folder, unquote(href)))
    if path.startswith(".."):
        raise Refused("linked_content")
    if path in known:
        return
    parent = element.getparent()
    drop(element)  # missing or removed: a dangling reference only breaks the display
    if parent is not None and len(parent) == 0 and local(parent) == "font-face-src":
        drop(parent)


def _inline_image(encoded: str, job: Job) -> str:
    try:
        data = base64.b64decode("".join(encoded.split()), validate=True)
    except (binascii.Error, ValueError):
        raise Refused("corrupt") from None
    return base64.b64encode(job.image(data)).decode("ascii")


def _manifest(members: dict[str, bytes], listed: dict, kept: set[str], mime: str) -> bytes:
    """Rebuilt with the entries of what remains (directories too, while they hold something)."""
    original = parse(members[MANIFEST_NAME])
    root = etree.Element(f"{{{MANIFEST}}}manifest", nsmap={"manifest": MANIFEST})
    if version := original.get(f"{{{MANIFEST}}}version"):
        root.set(f"{{{MANIFEST}}}version", version)
    entries = dict(listed)
    entries.setdefault("/", None)
    entries.update({name: None for name in kept if name not in listed})
    folders = _with_folders(kept)
    for path in sorted(entries, key=lambda path: (path != "/", path)):
        if path == "/" or path in kept or (path.endswith("/") and path.rstrip("/") in folders):
            root.append(_entry(path, entries[path], mime))
    return serialize(root)


def _entry(path: str, original: etree._Element | None, mime: str) -> etree._Element:
    entry = etree.Element(f"{{{MANIFEST}}}file-entry")
    entry.set(f"{{{MANIFEST}}}full-path", path)
    media_type = mime if path == "/" else (original.get(f"{{{MANIFEST}}}media-type") if original is not None else None)
    guessed = {".xml": "text/xml", ".rdf": "application/rdf+xml"}.get(posixpath.splitext(path)[1], "")
    entry.set(f"{{{MANIFEST}}}media-type", media_type or guessed)
    if original is not None and (version := original.get(f"{{{MANIFEST}}}version")):
        entry.set(f"{{{MANIFEST}}}version", version)
    return entry


# --- what it tells ------------------------------------------------------------------------------


def metadata(members: dict[str, bytes]) -> list[MetadataItem]:
    listed = _manifest_entries(members)
    items = []
    for name in sorted(members):
        base = name.rsplit("/", 1)[-1]
        if base == "meta.xml":
            items += _meta_items(parse(members[name]))
        elif base == "settings.xml":
            items += _settings_items(parse(members[name]))
        elif base in ("content.xml", "styles.xml") and members[name].strip():
            items += _content_items(parse(members[name]))
        elif name.startswith(("Thumbnails/", *MACRO_FOLDERS)) and not name.endswith("/"):
            items.append(MetadataItem("Embedded", "thumbnail" if name.startswith("T") else "macros", name))
        elif not _is_xml(name, listed) and not name.startswith((*IMAGE_FOLDERS, *DROPPED_PREFIXES, "mimetype")):
            items.append(MetadataItem("Embedded", "object", name))
    return items


def _meta_items(root: etree._Element) -> list[MetadataItem]:
    items = []
    for meta in root.iter(f"{{{OFFICE}}}meta"):
        items += text_items("Document", meta)
        for element in meta:
            if element.tag == f"{{{META}}}user-defined":
                value = short((element.text or "").strip())
                items.append(MetadataItem("Custom", short(element.get(f"{{{META}}}name") or "?"), value))
            elif element.tag == f"{{{META}}}template":
                items.append(MetadataItem("Document", "template", short(element.get(HREF) or "")))
    return [item for item in items if not (item.group == "Document" and item.tag == "user-defined")]


def _settings_items(root: etree._Element) -> list[MetadataItem]:
    return [
        MetadataItem("Settings", name, short(element.text.strip()))
        for element in root.iter(f"{{{CONFIG}}}config-item")
        if (name := element.get(f"{{{CONFIG}}}name") or "") in ("PrinterName", "PrinterSetup") and element.text
        and element.get(f"{{{CONFIG}}}type") == "string" and element.text.strip()
    ]  # fmt: skip


def _content_items(root: etree._Element) -> list[MetadataItem]:
    items, annotations = [], tags((OFFICE, OFFICEOOO), "annotation")
    for group, kinds in (("Comments", annotations), ("Revisions", tags((TEXT, TABLE), "changed-region"))):
        found = list(root.iter(*kinds))
        authors = sorted(
            {author.text.strip() for item in found for author in item.iter(f"{{{DC}}}creator") if author.text}
        )
        items += [MetadataItem(group, "Count", str(len(found)))] if found else []
        items += [MetadataItem(group, "Author", short(author)) for author in authors]
    for field in root.iter(*FIELDS):
        if value := "".join(field.itertext()).strip():
            items.append(MetadataItem("Fields", local(field), short(value)))
    return items

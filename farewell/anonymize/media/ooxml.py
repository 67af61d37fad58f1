"""OOXML packages (DOCX, XLSX, PPTX): which parts are kept, dropped or refused, and what they tell."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from farewell.anonymize.media import ooxml_parts as parts
from farewell.anonymize.media.office import Job, local, names_a_local_file, parse, serialize, text_items
from farewell.anonymize.media.report import MetadataItem, Refused, short

CONTENT_TYPES = "[Content_Types].xml"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CORE = "application/vnd.openxmlformats-package.core-properties+xml"
APP = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"

# Relationship types by their last segment, which is the same in the transitional, strict and
# Microsoft URIs. Dropped: the part goes with every reference to it. Value: the report's label.
DROPPED = {
    "comments": "comments",
    "commentsExtended": "comments",
    "commentsIds": "comments",
    "commentsExtensible": "comments",
    "threadedComment": "comments",
    "commentAuthors": "comment authors",
    "authors": "comment authors",
    "people": "comment authors",
    "person": "comment authors",
    "vmlDrawing": "comment shapes",  # in sheets, the boxes of the notes (and legacy form controls)
    "thumbnail": "thumbnail",
    "custom-properties": "custom properties",
    "customXml": "custom XML",
    "printerSettings": "printer settings",
    "attachedTemplate": "template path",
    "mailMergeSource": "mail merge source",
    "mailMergeHeaderSource": "mail merge source",
    "recipientData": "mail merge source",
    "font": "embedded fonts",  # a font file is not ours to clean; the text keeps its font name
    "origin": "digital signature",  # it names the signer, and no longer matches anyway
    "revisionHeaders": "revision history",
    "usernames": "revision history",
    "revisionInfo": "revision history",
    "webextensiontaskpanes": "add-ins",
    "webextension": "add-ins",
    "classificationlabels": "sensitivity label",
    "tags": "tags",
    "customProperty": "custom properties",
}
# Counts and flags Office recomputes: not worth a line in the report.
STATISTICS = {
    "Pages", "Words", "Characters", "CharactersWithSpaces", "Lines", "Paragraphs", "Slides", "Notes",
    "HiddenSlides", "MMClips", "DocSecurity", "ScaleCrop", "LinksUpToDate", "SharedDoc", "HyperlinksChanged",
}  # fmt: skip
# A chart's own copy of its data is a whole embedded workbook; the chart keeps its cached values.
CHART_DATA = {"package": "chart data", "oleObject": "chart data"}
REFUSED = {
    "vbaProject", "vbaProjectSignature", "oleObject", "package", "control", "activeXControlBinary",
    "aFChunk", "subDocument", "externalLink", "connections", "attachedToolbars", "hdphoto", "media",
    "video", "audio",
}  # fmt: skip


@dataclass
class Package:
    members: dict[str, bytes]
    index: dict[str, str] = field(init=False)
    defaults: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.index = {name.lower(): name for name in self.members}
        if CONTENT_TYPES not in self.members:
            raise Refused("corrupt")
        for entry in parse(self.members[CONTENT_TYPES]):
            content_type = entry.get("ContentType")
            if entry.tag == f"{{{CT_NS}}}Default" and entry.get("Extension") and content_type:
                self.defaults[entry.get("Extension").lower()] = content_type
            elif entry.tag == f"{{{CT_NS}}}Override" and entry.get("PartName") and content_type:
                self.overrides[unquote(entry.get("PartName")).lstrip("/").lower()] = content_type

    def content_type(self, name: str) -> str:
        extension = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
        return self.overrides.get(name.lower()) or self.defaults.get(extension, "")

    def is_xml(self, name: str) -> bool:
        kind = self.content_type(name)
        return (
            kind.endswith("+xml")
            or kind in ("application/xml", "text/xml")
            or name.lower().endswith((".xml", ".rels", ".vml"))
        )

    def find(self, path: str | None) -> str | None:
        return self.index.get(path.lower()) if path else None

    def relationships(self, source: str) -> tuple[str | None, list[etree._Element]]:
        folder, base = posixpath.split(source)
        name = self.find(posixpath.join(folder, "_rels", f"{base}.rels"))
        found = list(parse(self.members[name])) if name else []
        return name, [rel for rel in found if rel.tag == f"{{{REL_NS}}}Relationship"]


def kind(relationship: etree._Element) -> str:
    return (relationship.get("Type") or "").rstrip("/").rsplit("/", 1)[-1]


def resolve(source: str, target: str) -> str | None:
    """The part a relationship points to, or None when it leaves the package."""
    target = unquote(target.split("#", 1)[0])
    if not target:
        return None
    base = "" if target.startswith("/") else posixpath.dirname(source)
    path = posixpath.normpath(posixpath.join(base, target.lstrip("/")))
    return None if path.startswith("..") or path in (".", "") else path


# --- cleaning -----------------------------------------------------------------------------------


@dataclass
class Graph:
    """The parts reachable from the package through kept relationships, and what was cut."""

    kept: set[str] = field(default_factory=set)
    dropped: set[str] = field(default_factory=set)
    links: dict[str, tuple[str | None, list]] = field(default_factory=dict)  # source -> (rels name, kept)
    gone: dict[str, set[str]] = field(default_factory=dict)  # source -> ids of removed relationships


def clean(members: dict[str, bytes], mime: str, job: Job) -> list[tuple[str, bytes]]:
    package = Package(members)
    graph = _walk(package, job)
    if not any(kind(rel) == "officeDocument" for rel, _ in graph.links.get("", (None, []))[1]):
        raise Refused("corrupt")
    output, names = [], sorted(graph.kept)
    for done, name in enumerate(names):
        output.append((name, _clean_part(package, name, graph.gone.get(name, set()), job)))
        job.tick(done, len(names) + 1)
    for rels_name, links in graph.links.values():
        if rels_name is not None:
            output.append((rels_name, _relationships_xml(links)))
    written = {name for name, _ in output}
    job.removed["unreferenced parts"] += len(set(members) - written - graph.dropped - {CONTENT_TYPES})
    output.sort()
    return [(CONTENT_TYPES, _content_types(package, written)), *output]


def _walk(package: Package, job: Job) -> Graph:
    graph, queue, seen = Graph(), [""], {""}
    while queue:
        source = queue.pop()
        rels_name, relationships = package.relationships(source)
        kept = []
        for rel in relationships:
            target = _decide(package, source, rel, job)
            if target is False:
                graph.gone.setdefault(source, set()).add(rel.get("Id"))
                continue
            if isinstance(target, tuple):  # dropped with its part
                graph.dropped.add(target[0])
                graph.gone.setdefault(source, set()).add(rel.get("Id"))
                continue
            kept.append((rel, target))
            if target is not None and target not in seen:
                seen.add(target)
                queue.append(target)
        graph.links[source] = (rels_name, kept)
    graph.kept = seen - {""} - graph.dropped
    for source, (rels_name, kept) in graph.links.items():  # a part dropped through one link goes for all
        cut = [(rel, target) for rel, target in kept if target is not None and target not in graph.kept]
        graph.gone.setdefault(source, set()).update(rel.get("Id") for rel, _ in cut)
        graph.links[source] = (rels_name, [link for link in kept if link[1] is None or link[1] in graph.kept])
    graph.links = {source: links for source, links in graph.links.items() if source == "" or source in graph.kept}
    return graph


def _decide(package: Package, source: str, rel: etree._Element, job: Job):
    """Returns the target part to keep, None for a kept external link, False for a relationship
    dropped alone, (part,) for one dropped with its part; raises for what cannot be cleaned."""
    name = kind(rel)
    if rel.get("TargetMode") == "External":
        if name == "hyperlink":
            if names_a_local_file(rel.get("Target") or ""):
                raise Refused("linked_content")
            return None
        if name in DROPPED:
            job.removed[DROPPED[name]] += 1
            return False
        raise Refused("linked_content")  # linked pictures, objects, frames: they name paths
    target = package.find(resolve(source, rel.get("Target") or ""))
    if target is None or target == CONTENT_TYPES or target.endswith(".rels"):  # those are rebuilt, never parts
        job.removed["dangling relationships"] += 1
        return False
    if name in CHART_DATA and "chart" in package.content_type(source):
        job.removed[CHART_DATA[name]] += 1
        return (target,)
    if name in DROPPED:
        job.removed[DROPPED[name]] += _count(package, target) if DROPPED[name] == "comments" else 1
        return (target,)
    if name == "image" and package.content_type(target) == "image/svg+xml":
        job.removed["SVG copies of pictures"] += 1  # Office keeps a PNG of each beside it, which stays
        return (target,)
    if name in REFUSED:
        raise Refused("embedded_unsupported")
    return target


def _count(package: Package, name: str) -> int:
    """Comments in a dropped comments part, for the report (0 for their extension parts)."""
    try:
        return parts.comment_count(parse(package.members[name]))
    except Refused:
        return 1


def _clean_part(package: Package, name: str, gone: set[str], job: Job) -> bytes:
    data = package.members[name]
    if not package.is_xml(name):
        return job.image(data)  # refuses anything that is not an image it can re-encode
    if not data.strip():
        return b""  # an empty part says nothing
    root = parse(data)
    content_type = package.content_type(name)
    if content_type in (CORE, APP) or local(root) in ("coreProperties", "Properties"):
        job.removed["document properties"] += len(root)
        return serialize(etree.Element(root.tag, nsmap=root.nsmap), standalone=True)
    parts.scrub(root, gone, job)
    return serialize(root, standalone=True)


def _relationships_xml(links: list) -> bytes:
    root = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    for rel, _ in links:
        attributes = {key: rel.get(key) for key in ("Id", "Type", "Target", "TargetMode") if rel.get(key)}
        etree.SubElement(root, f"{{{REL_NS}}}Relationship", attributes)
    return serialize(root, standalone=True)


def _content_types(package: Package, written: set[str]) -> bytes:
    """Rebuilt from what it declared, for the parts that remain: nothing else rides along."""
    root = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    for extension, content_type in sorted(package.defaults.items()):
        etree.SubElement(root, f"{{{CT_NS}}}Default", Extension=extension, ContentType=content_type)
    for name in sorted(written):
        if content_type := package.overrides.get(name.lower()):
            etree.SubElement(root, f"{{{CT_NS}}}Override", PartName=f"/{name}", ContentType=content_type)
    return serialize(root, standalone=True)


# --- what it tells ------------------------------------------------------------------------------


def metadata(members: dict[str, bytes]) -> list[MetadataItem]:
    package = Package(members)
    items, kinds = [], _kinds(package)
    for name in sorted(members):
        content_type, what = package.content_type(name), kinds.get(name.lower(), "")
        if content_type == CORE or what == "core-properties":
            items += text_items("Document", parse(members[name]))
        elif content_type == APP or what == "extended-properties":
            items += [item for item in text_items("Document", parse(members[name])) if item.tag not in STATISTICS]
        elif content_type == CUSTOM or what == "custom-properties":
            items += _custom(parse(members[name]))
        elif DROPPED.get(what) in ("comments", "comment authors") and package.is_xml(name):
            items += parts.comment_items(parse(members[name]))
        elif what in DROPPED or what in REFUSED:
            items.append(MetadataItem("Embedded", DROPPED.get(what, what), name))
        elif package.is_xml(name) and members[name].strip():
            items += parts.part_items(parse(members[name]))
    for rel_kind, target in _external(package):
        items.append(MetadataItem("Settings", rel_kind, short(target)))
    return items


def _kinds(package: Package) -> dict[str, str]:
    """Each part's relationship type, from every relationship the package holds."""
    found = {}
    for name in package.members:
        if not name.endswith(".rels") or "_rels/" not in name:
            continue
        folder, base = name.rsplit("_rels/", 1)
        source = folder + base.removesuffix(".rels")
        for rel in parse(package.members[name]):
            if rel.get("TargetMode") != "External" and (path := resolve(source, rel.get("Target") or "")):
                found.setdefault(path.lower(), kind(rel))
    return found


def _external(package: Package) -> list[tuple[str, str]]:
    return [
        (kind(rel), rel.get("Target") or "")
        for name in sorted(package.members)
        if name.endswith(".rels")
        for rel in parse(package.members[name])
        if rel.get("TargetMode") == "External" and kind(rel) != "hyperlink"
    ]


def _custom(root: etree._Element) -> list[MetadataItem]:
    return [
        MetadataItem("Custom", short(prop.get("name") or "?"), short("".join(prop.itertext()).strip()))
        for prop in root
        if isinstance(prop.tag, str)
    ]

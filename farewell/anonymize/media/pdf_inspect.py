"""What a PDF carries besides its pages, listed for `farewell inspect` and the reviewer's report:
/Info and the ID, XMP anywhere, annotations, embedded files, scripts, forms, bookmarks, included
files' traces and EXIF inside embedded JPEGs."""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

import pikepdf
from defusedxml import ElementTree
from pikepdf import Array, Dictionary, Name, Stream, String

from farewell.anonymize.media import images
from farewell.anonymize.media.pdf import DCT, DROPPED, LABELS, _decode, _filters, _listed
from farewell.anonymize.media.report import MetadataItem, Refused, short

MAX_NODES = 10_000  # form fields or bookmarks listed
MAX_ITEMS = 50  # per group in a report: a PDF may hold thousands of annotations
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"


def carried(pdf: pikepdf.Pdf, pages: list[pikepdf.Page]) -> list[MetadataItem]:
    try:
        items = _info(pdf) + _catalog(pdf) + _annotations(pages) + _objects(pdf) + _photos(pdf)
    except (pikepdf.PikepdfError, UnicodeDecodeError):  # names are bytes; qpdf gives them to us as text
        raise Refused("corrupt") from None
    return _capped(items)


def _info(pdf: pikepdf.Pdf) -> list[MetadataItem]:
    info, ident = pdf.trailer.get("/Info"), pdf.trailer.get("/ID")
    entries = info.items() if isinstance(info, Dictionary) else []
    items = [MetadataItem("PDF", key.lstrip("/"), short(value)) for key, value in entries]
    if isinstance(ident, Array) and len(ident) and isinstance(ident[0], String):
        items.append(MetadataItem("PDF", "ID", bytes(ident[0]).hex()))  # often a hash of the path and time
    return items


def _catalog(pdf: pikepdf.Pdf) -> list[MetadataItem]:
    root, items = pdf.Root, []
    names, form, outlines = root.get("/Names"), root.get("/AcroForm"), root.get("/Outlines")
    if isinstance(names, Dictionary) and "/JavaScript" in names:
        items.append(MetadataItem("Scripts", "JavaScript", "document-level scripts"))
    items += [MetadataItem("Scripts", key.lstrip("/"), "present") for key in ("/OpenAction", "/AA") if key in root]
    try:
        files = [short(spec.filename or name) for name, spec in pdf.attachments.items()]
    except (pikepdf.PikepdfError, KeyError, TypeError, ValueError):
        files = ["(an unreadable list)"]
    items += [MetadataItem("Embedded", "File", name) for name in files]
    if isinstance(form, Dictionary):
        fields = [node for node in _nodes(form.get("/Fields"), "/Kids") if "/T" in node]
        items += [MetadataItem("Form", short(node.T), short(node.get("/V", ""))) for node in fields]
        items += [MetadataItem("Form", "XFA", "present")] if "/XFA" in form else []
    if isinstance(outlines, Dictionary):
        titles = [node.Title for node in _nodes(outlines.get("/First"), "/First", "/Next") if "/Title" in node]
        items += [MetadataItem("Outline", "Title", short(title)) for title in titles]
    return items


def _nodes(start, *links):
    """Fields or bookmarks, linked by `links`: each visited once, at most MAX_NODES."""
    seen, stack, count = set(), [start], 0
    while stack and count < MAX_NODES:
        node, count = stack.pop(), count + 1
        if not isinstance(node, Array | Dictionary) or (node.is_indirect and node.objgen in seen):
            continue
        seen.add(node.objgen)
        if isinstance(node, Array):
            stack.extend(node)
        else:
            yield node
            stack.extend(node[link] for link in links if link in node)


def _annotations(pages: list[pikepdf.Page]) -> list[MetadataItem]:
    items, count = [], 0
    for page in pages:
        for annot in _listed(page.obj.get("/Annots")):
            if not isinstance(annot, Dictionary):
                continue
            count += 1
            for key, tag in (("/T", "Author"), ("/Contents", "Contents"), ("/Subj", "Subject")):
                items += [MetadataItem("Annotations", tag, short(annot[key]))] if key in annot else []
            action, spec = annot.get("/A"), annot.get("/FS")
            if isinstance(action, Dictionary) and "/URI" in action:
                items.append(MetadataItem("Annotations", "Link", short(action.URI)))
            if isinstance(spec, Dictionary):
                items.append(MetadataItem("Embedded", "File", short(spec.get("/UF", spec.get("/F", "")))))
    return ([MetadataItem("Annotations", "Count", str(count))] if count else []) + items


def _objects(pdf: pikepdf.Pdf) -> list[MetadataItem]:
    """XMP (the document's and any object's), page-piece data, thumbnails and included files' traces."""
    items, counts = [], Counter()
    for obj in pdf.objects:
        if not isinstance(obj, Dictionary | Stream) or obj.get("/Type") == Name.XRef:  # a trailer, not content
            continue
        if isinstance(xmp := obj.get("/Metadata"), Stream):
            items += [MetadataItem("XMP", tag, short(value)) for tag, value in _xmp_fields(pdf, xmp)]
        for key in DROPPED & set(obj.keys()) - {"/Metadata", "/StructParent", "/StructParents"}:
            counts[LABELS.get(key, key.lstrip("/"))] += 1
        if isinstance(obj, Stream) and obj.get("/Subtype") in (Name.Form, Name.Image):
            private = [key for key in obj.keys() if "." in key]  # pdfTeX: the included file's path and /Info
            items += [MetadataItem("PDF", key.lstrip("/"), short(obj[key])) for key in private]
    return items + [MetadataItem("PDF", label, f"on {n} object(s)") for label, n in counts.items()]


def _xmp_fields(pdf: pikepdf.Pdf, stream: Stream) -> list[tuple[str, str]]:
    try:
        root = ElementTree.fromstring(_decode(pdf, stream, _filters(stream), keep=True)[1])
    except (SyntaxError, ValueError, Refused, pikepdf.PikepdfError):
        return [("Packet", "unreadable")]
    fields, stack = [], [(root, "")]
    while stack:  # each value under its property's name, not under rdf:li
        element, name = stack.pop()
        tag = str(element.tag)
        name = name if tag.startswith(RDF) else tag.rsplit("}", 1)[-1]
        fields += [(key.rsplit("}", 1)[-1], value) for key, value in element.attrib.items() if not key.startswith(RDF)]
        if (element.text or "").strip() and len(element) == 0:
            fields.append((name, element.text.strip()))
        stack += [(child, name) for child in reversed(element)]
    return fields


def _photos(pdf: pikepdf.Pdf) -> list[MetadataItem]:
    """EXIF, GPS and the rest inside embedded JPEGs, read as images.py reads photos."""
    items, found = [], 0
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "image.jpg"
        for stream in (obj for obj in pdf.objects if isinstance(obj, Stream)):
            try:
                filters = _filters(stream)
                if found == 20 or not set(filters[-1:]) & DCT:
                    continue
                found += 1
                path.write_bytes(_decode(pdf, stream, filters, keep=True)[1])
                items += [MetadataItem(f"Image {item.group}", item.tag, item.value) for item in images.metadata(path)]
            except Refused:
                continue
    return items


def _capped(items: list[MetadataItem]) -> list[MetadataItem]:
    counts, kept = Counter(), []
    for item in dict.fromkeys(items):
        counts[item.group] += 1
        if counts[item.group] <= MAX_ITEMS:
            kept.append(item)
    return kept + [MetadataItem(g, "More", f"{n - MAX_ITEMS} more") for g, n in counts.items() if n > MAX_ITEMS]

"""Inside one OOXML part: changes accepted; comment anchors, authors, session ids, personal fields cut."""

from __future__ import annotations

from lxml import etree

from farewell.anonymize.media.office import Job, drop, local, looks_like_file_name, namespace, tags, unwrap, walk
from farewell.anonymize.media.report import MetadataItem, short

W = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main")
R = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
X = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16DU = "http://schemas.microsoft.com/office/word/2023/wordml/word16du"
VML_O = "urn:schemas-microsoft-com:office:office"
X15AC = "http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"
XR = "http://schemas.microsoft.com/office/spreadsheetml/2014/revision"

INSERTED = tags(W, "ins", "moveTo")
DELETED = tags(W, "del", "moveFrom")
MARK_HOLDERS = tags(W, "rPr", "trPr", "tcPr", "numPr")  # there, ins/del only mark the paragraph mark or row
ROW_PROPERTIES = tags(W, "trPr")
CHANGE_RECORDS = tags(
    W,
    *("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "tblGridChange"),
    *("tblPrExChange", "numberingChange", "cellIns", "cellDel", "cellMerge"),
    *("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"),
    *("customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart", "customXmlDelRangeEnd"),
    *("customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd", "customXmlMoveToRangeStart"),
    "customXmlMoveToRangeEnd",
)
REMOVED = (
    tags(W, "commentRangeStart", "commentRangeEnd", "commentReference", "delText", "delInstrText")
    | tags(W, "rsids", "nsid", "tmpl", "attachedTemplate", "docVars", "mailMerge", "attachedSchema")
    | tags((W14, W15), "docId")  # a document's lifelong identifier
    | tags(X, "fileSharing", "customWorkbookViews", "customSheetViews")  # a user name; views named after users
    | tags(X15AC, "absPath")  # the folder the workbook was saved in
    | tags(XR, "revisionPtr")
)
ATTRIBUTES = (
    tags(W, "author", "initials", "date", "ed")  # ed: the user allowed to edit a protected range
    | tags(W16DU, "dateUtc")
    | tags(W14, "paraId", "textId")
    | tags(VML_O, "gfxdata", "title")  # a zipped copy of a shape; a picture's file name
    | {"refreshedBy", "refreshedDate", "refreshedDateIso"}  # who last refreshed a pivot table, and when
)
RSID = tuple(f"{{{ns}}}rsid" for ns in W)
LINKS = tuple(f"{{{ns}}}" for ns in R)
KEEP_UNLINKED = {"pageSetup"}  # only its printer settings went: the page setup stays
NAMED = {"cNvPr", "docPr"}
COMMENTS = {"comment", "cm", "threadedComment"}  # Word and Excel, PowerPoint, Excel's threads
FIELDS = {
    "AUTHOR", "USERNAME", "USERINITIALS", "USERADDRESS", "LASTSAVEDBY", "FILENAME", "TEMPLATE",
    "DOCPROPERTY", "INFO", "CREATEDATE", "SAVEDATE", "PRINTDATE", "EDITTIME",
}  # fmt: skip
SIMPLE_FIELDS, RUNS = tags(W, "fldSimple"), tags(W, "r")
FIELD_CHARS, INSTRUCTIONS = tags(W, "fldChar"), tags(W, "instrText")


def scrub(root: etree._Element, gone: set[str], job: Job) -> None:
    job.removed["tracked changes accepted"] += accept_revisions(root)
    job.removed["personal fields"] += drop_fields(root)
    walk(root, lambda element: _visit(element, gone, job))
    _prune(root)


def _visit(element: etree._Element, gone: set[str], job: Job) -> bool:
    if element.tag in REMOVED:
        drop(element)
        return True
    if gone and _unlink(element, gone):
        return True
    job.removed["session ids (rsid)"] += _drop_attributes(element)
    if local(element) in NAMED:
        job.removed["image file names"] += _rename(element)
    return False


def accept_revisions(root: etree._Element) -> int:
    """Keeps inserted and moved-in content, drops deleted and moved-out content, forgets old
    formatting: what the document shows with every change accepted, and no author."""
    count = 0
    for element in list(root.iter(*INSERTED, *DELETED)):
        parent = element.getparent()
        if parent is None:
            continue
        count += 1
        if parent.tag in ROW_PROPERTIES and element.tag in DELETED:
            drop(parent.getparent() if parent.getparent() is not None else element)  # a deleted table row
        elif parent.tag in MARK_HOLDERS or element.tag in DELETED:
            drop(element)
        else:
            unwrap(element)
    for element in list(root.iter(*CHANGE_RECORDS)):
        drop(element)
        count += 1
    return count


def drop_fields(root: etree._Element) -> int:
    """Fields that print the author, the user, the file's path or its dates, with their result."""
    doomed = [field for field in root.iter(*SIMPLE_FIELDS) if _personal(_attribute(field, "instr"))]
    runs, count = list(root.iter(*RUNS)), len(doomed)
    open_fields, marks = [], [0] * (len(runs) + 1)  # fields begun: (first run, instruction); run spans
    for index, run in enumerate(runs):
        for child in run:
            kind = _attribute(child, "fldCharType") if child.tag in FIELD_CHARS else None
            if kind == "begin":
                open_fields.append((index, []))
            elif child.tag in INSTRUCTIONS and open_fields:
                open_fields[-1][1].append(child.text or "")
            elif kind == "end" and open_fields:
                first, instruction = open_fields.pop()
                if _personal("".join(instruction)):
                    marks[first] += 1
                    marks[index + 1] -= 1
                    count += 1
    depth = 0
    for index, run in enumerate(runs):  # spans counted, not listed: nested fields stay linear
        depth += marks[index]
        if depth > 0:
            doomed.append(run)
    for element in doomed:
        drop(element)
    return count


def _personal(instruction: str | None) -> bool:
    words = (instruction or "").split()
    return bool(words) and words[0].upper() in FIELDS


def _attribute(element: etree._Element, name: str) -> str | None:
    return element.get(f"{{{namespace(element)}}}{name}")


def _unlink(element: etree._Element, gone: set[str]) -> bool:
    """An element pointing at a dropped relationship goes too (a note's drawing, a template)."""
    for key, value in element.attrib.items():
        if key.startswith(LINKS) and value in gone:
            if local(element) in KEEP_UNLINKED:
                del element.attrib[key]
                return False
            drop(element)
            return True
    return False


def _drop_attributes(element: etree._Element) -> int:
    rsids = 0
    for key in element.attrib.keys():
        if key in ATTRIBUTES:
            del element.attrib[key]
        elif key.startswith(RSID):
            del element.attrib[key]
            rsids += 1
    return rsids


def _rename(element: etree._Element) -> int:
    changed = 0
    for key in ("name", "descr", "title"):
        if looks_like_file_name(element.get(key)):
            if key == "name":
                element.set(key, f"Picture {element.get('id', '')}".strip())
            else:
                del element.attrib[key]
            changed += 1
    return changed


def _prune(root: etree._Element) -> None:
    """Extension lists and alternate content left empty are invalid: they go too."""
    for element in reversed(list(root.iter("{*}ext", "{*}extLst", "{*}AlternateContent"))):
        name, parent = local(element), element.getparent()
        if name == "AlternateContent":
            empty = all(len(child) == 0 for child in element)
        elif name == "ext":  # a:xfrm/a:ext is a size, always empty: only extension entries count
            empty = len(element) == 0 and parent is not None and local(parent) == "extLst"
        else:
            empty = len(element) == 0
        if empty:
            drop(element)


def comment_count(root: etree._Element) -> int:
    return sum(local(element) in COMMENTS for element in root.iter(etree.Element))


def comment_items(root: etree._Element) -> list[MetadataItem]:
    authors, count = set(), comment_count(root)
    for element in root.iter(etree.Element):
        name = local(element)
        for key, value in element.attrib.items():
            if local(key) in ("author", "displayName") or (local(key) == "name" and name in ("cmAuthor", "author")):
                authors.add(value)
        if name == "author" and element.text and element.text.strip():
            authors.add(element.text.strip())
    items = [MetadataItem("Comments", "Count", str(count))] if count else []
    return items + [MetadataItem("Comments", "Author", short(author)) for author in sorted(authors)]


def part_items(root: etree._Element) -> list[MetadataItem]:
    """Tracked changes and their authors, session ids, image file names in one part."""
    changes = list(root.iter(*INSERTED, *DELETED, *CHANGE_RECORDS))
    authors = sorted({author for change in changes if (author := _attribute(change, "author"))})
    rsids = sum(1 for _ in root.iter(*tags(W, "rsid")))
    items = [MetadataItem("Revisions", "Tracked changes", str(len(changes)))] if changes else []
    items += [MetadataItem("Revisions", "Author", short(author)) for author in authors]
    items += [MetadataItem("Revisions", "Session IDs (rsid)", str(rsids))] if rsids else []
    for element in root.iter(etree.Element):
        if local(element) in NAMED:
            for key in ("name", "descr", "title"):
                if looks_like_file_name(element.get(key)):
                    items.append(MetadataItem("Embedded", "Image name", short(element.get(key))))
    return items

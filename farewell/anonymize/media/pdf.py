"""PDF: a new document is built from the pages' content alone, so nothing else the file carried can follow.

The pages are copied into an empty document (no /Info, XMP, annotations, forms, name trees,
actions, outlines or structure tree). Every object they reference is then walked: what is not
needed to draw goes (XMP, application data, included files' names, file references), JPEG and
JPEG 2000 images are re-encoded from their pixels, ICC profiles give way to device colour spaces
and every stream's decoded size is capped. Writing the new document drops earlier revisions and
any bytes around the PDF.
"""

from __future__ import annotations

import io
import os
import re
import zlib
from collections import Counter
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream, String
from PIL import Image

from farewell.anonymize.media import images
from farewell.anonymize.media.report import MetadataItem, Refused, Report

MAX_PAGES = 5_000
MAX_STREAM = 256 * 1024**2  # decoded bytes in one stream: beyond that, a bomb is likelier than a page
MAX_TOTAL = 2 * 1024**3  # decoded bytes in the whole document
MAX_FILTERS = 4  # real files chain two at most
CHUNK = 4 * 1024**2

FLATE, DCT = {"/FlateDecode", "/Fl"}, {"/DCTDecode", "/DCT"}
JPX, JBIG2 = "/JPXDecode", "/JBIG2Decode"
READ = DCT | {JPX, JBIG2}  # the codecs whose bytes we read
CODECS = READ | {"/CCITTFaxDecode", "/CCF"}
DEVICE = {1: Name.DeviceGray, 3: Name.DeviceRGB, 4: Name.DeviceCMYK}

# What a page keeps: its geometry, its content and what that content draws with. Everything else
# (annotations, thumbnails, /PieceInfo, /LastModified, actions, web-capture IDs) stays behind.
PAGE_KEYS = {"/Type", "/Parent", "/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox", "/Rotate", "/UserUnit"}
PAGE_KEYS |= {"/Resources", "/Contents", "/Group"}
RESOURCE_KEYS = {"/ExtGState", "/ColorSpace", "/Pattern", "/Shading", "/XObject", "/Font", "/ProcSet", "/Properties"}
STREAM_KEYS = {"/Type", "/Subtype", "/Length", "/Filter", "/DecodeParms"}
IMAGE_KEYS = STREAM_KEYS | {"/Width", "/Height", "/ColorSpace", "/BitsPerComponent", "/Intent", "/ImageMask", "/Mask"}
IMAGE_KEYS |= {"/Decode", "/Interpolate", "/SMask", "/SMaskInData", "/Matte", "/OC"}
# Forms are where included PDFs leave their traces (pdfTeX's /PTEX.FileName and /PTEX.InfoDict).
FORM_KEYS = STREAM_KEYS | {"/FormType", "/BBox", "/Matrix", "/Resources", "/Group", "/OC"}
OCG_KEYS = {"/Type", "/Name", "/Intent"}  # a layer's /Usage may name its creator
# On any object: XMP, application data, associated files, web-capture IDs, structure links.
DROPPED = {"/Metadata", "/PieceInfo", "/LastModified", "/Thumb", "/AF", "/OPI", "/ID", "/StructParent"}
DROPPED |= {"/StructParents"}
# Objects that are never content: a stray reference to one (say, from a font to the catalog) would
# bring along everything it holds, so it is emptied wherever it is found.
FOREIGN = {"/Catalog", "/Annot", "/Action", "/Filespec", "/EmbeddedFile", "/Metadata", "/Outlines", "/Sig"}
FOREIGN |= {"/StructTreeRoot", "/StructElem", "/XRef", "/ObjStm"}
EXTERNAL = {"/F", "/FFilter", "/FDecodeParms"}  # a stream whose data is a file on the author's disk
LABELS = {
    "/Metadata": "XMP", "/PieceInfo": "Application data", "/LastModified": "Modification dates",
    "/Thumb": "Thumbnails", "/ID": "Web capture IDs", "/Annots": "Annotations", "/AA": "Actions",
    "/OpenAction": "Action on opening", "/Outlines": "Bookmarks", "/AcroForm": "Form fields",
    "/StructTreeRoot": "Structure tree", "/OCProperties": "Layer configuration", "/EmbeddedFiles": "Embedded files",
    "/JavaScript": "JavaScript", "/Usage": "Layer usage", "/AF": "Associated files",
}  # fmt: skip


def metadata(source: Path, mime: str = "") -> list[MetadataItem]:
    from farewell.anonymize.media import pdf_inspect  # the readers: what the file carries, for the report

    with _open(source) as pdf:
        return pdf_inspect.carried(pdf, _pages(pdf))


def clean(source: Path, target: Path, mime: str, *, voice: str = "keep", progress=None) -> Report:
    with _open(source) as src:
        pages = _pages(src)
        try:
            removed = _removed(src, pages)
            new = pikepdf.new()
            for page in pages:
                _keep(page.obj, PAGE_KEYS)  # before copying: what is dropped is never copied
                new.pages.append(page)
            scrub = _Scrub(new)
            for index, page in enumerate(new.pages):
                scrub.walk(page.obj)
                _refuse_inline_images(page)
                if progress:
                    progress(0.9 * (index + 1) / len(pages))
            for content in scrub.contents:
                _refuse_inline_images(content)
            _save(new, target, src.pdf_version)
        except (pikepdf.PikepdfError, UnicodeDecodeError):  # names are bytes; qpdf gives them to us as text
            raise Refused("corrupt") from None
    return Report(metadata=[MetadataItem("Removed", label, str(n)) for label, n in (removed + scrub.counts).items()])


def _open(source: Path) -> pikepdf.Pdf:
    try:
        return pikepdf.open(source)  # an empty user password opens what only restricts printing or copying
    except pikepdf.PasswordError:
        raise Refused("encrypted") from None
    except (pikepdf.PikepdfError, OSError, ValueError):
        raise Refused("corrupt") from None


def _pages(pdf: pikepdf.Pdf) -> list[pikepdf.Page]:
    try:
        if len(pdf.pages) > MAX_PAGES:
            raise Refused("too_large")
        pages = list(pdf.pages)
    except pikepdf.PikepdfError:
        raise Refused("corrupt") from None
    if not pages:
        raise Refused("corrupt")
    return pages


def _save(pdf: pikepdf.Pdf, target: Path, version: str) -> None:
    # The first /ID is random; deterministic_id makes the second a hash of the content rather
    # than of the time and the output path, qpdf's default.
    pdf.trailer.ID = Array([String(os.urandom(16)), String(os.urandom(16))])
    pdf.save(
        target,
        min_version=version if re.fullmatch(r"[12]\.\d", version) else "",
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,  # qpdf would inflate a bomb filtered twice
        deterministic_id=True,
        fix_metadata_version=False,
        preserve_pdfa=False,
        linearize=False,
    )


class _Scrub:
    """One walk over everything the new document's pages reference, each object visited once."""

    def __init__(self, pdf: pikepdf.Pdf):
        self.pdf, self.seen, self.total, self.counts, self.contents = pdf, set(), 0, Counter(), []

    def walk(self, start) -> None:
        stack = [start]
        while stack:  # a loop, not recursion: object graphs can be deep and cyclic
            obj = stack.pop()
            if obj.is_indirect:
                if obj.objgen in self.seen:
                    continue
                self.seen.add(obj.objgen)
            keys = range(len(obj)) if isinstance(obj, Array) else self._strip(obj)
            stack.extend(child for key in keys if (child := self._child(obj, key)) is not None)

    def _strip(self, obj) -> list[str]:
        is_stream = isinstance(obj, Stream)
        kind, subtype = obj.get("/Type"), obj.get("/Subtype") if is_stream else None
        if isinstance(kind, Name) and str(kind) in FOREIGN:
            return self._empty(obj)
        keep = IMAGE_KEYS if subtype == Name.Image else FORM_KEYS if subtype == Name.Form else None
        keep = OCG_KEYS if kind == Name.OCG else PAGE_KEYS if kind == Name.Page else keep
        for key in list(obj.keys()):
            if key in DROPPED or (keep is not None and key not in keep) or (is_stream and key in EXTERNAL):
                del obj[key]
                self.counts[LABELS.get(key, key.lstrip("/"))] += 1
        if kind == Name.OCG:
            obj.Name = String("Layer")  # layer names are the author's words
        if is_stream:
            self._stream(obj, subtype)
        return list(obj.keys())

    def _empty(self, obj) -> list[str]:
        _keep(obj, set())
        if isinstance(obj, Stream):
            obj.write(b"")
        self.counts["Stray objects"] += 1
        return []

    def _child(self, parent, key):
        if key == "/Parent":
            return None  # the page tree is qpdf's own; each page is walked in turn
        value = parent[key]
        device = _device(value)
        if device is not None:
            if key in ("/DefaultGray", "/DefaultRGB", "/DefaultCMYK"):
                del parent[key]  # a device space standing for itself
            else:
                parent[key] = device
            self.counts["ICC profiles"] += 1
            return None
        if key == "/Resources" and isinstance(value, Dictionary):
            _keep(value, RESOURCE_KEYS)
        if key == "/Properties" and isinstance(value, Dictionary):
            self._properties(value)
        if key == "/CharProcs" and isinstance(value, Dictionary):  # Type 3 glyphs are content streams
            self.contents += [glyph for name in value.keys() if isinstance(glyph := value[name], Stream)]
        return value if isinstance(value, Array | Dictionary | Stream) else None

    def _properties(self, properties: Dictionary) -> None:
        """Marked-content property lists other than layers are an editor's notes (Illustrator
        keeps layer titles there); nothing draws with them, so they are emptied."""
        for name in properties.keys():
            entry = properties[name]
            if not (isinstance(entry, Dictionary) and entry.get("/Type") in (Name.OCG, Name.OCMD)):
                properties[name] = Dictionary()
                self.counts["Marked-content properties"] += 1

    def _stream(self, stream: Stream, subtype) -> None:
        if subtype == Name.PS:
            raise Refused("embedded_unsupported")  # PostScript code: nothing renders it, nothing checks it
        filters = _filters(stream)
        codec = filters[-1] if filters and filters[-1] in CODECS else None
        size, data = _decode(self.pdf, stream, filters, keep=codec in READ)
        self.total += size
        if self.total > MAX_TOTAL:
            raise Refused("too_large")
        if subtype == Name.Image:
            _check_raster(stream)
        if codec in DCT:
            _replace(stream, _jpeg(data), Name.DCTDecode)
            self.counts["JPEG metadata (images re-encoded)"] += 1
        elif codec == JPX:
            _replace(stream, _jpx(data), Name.JPXDecode)
            self.counts["JPEG 2000 metadata (images re-encoded)"] += 1
        elif codec == JBIG2:
            _check_jbig2(self.pdf, stream, data)
        if subtype == Name.Form or stream.get("/PatternType") == 1:
            self.contents.append(stream)


def _keep(obj, keys: set[str]) -> None:
    for key in list(obj.keys()):
        if key not in keys:
            del obj[key]


def _device(space):
    """An ICC-based colour space as the device space with as many components: the profile (its
    maker, device, dates and description) stays behind, as images.py drops it from photos."""
    if isinstance(space, Array) and len(space) == 2 and space[0] == Name.ICCBased and isinstance(space[1], Stream):
        return DEVICE.get(space[1].get("/N"))
    return None


def _filters(stream: Stream) -> list[str]:
    value = stream.get("/Filter")
    names = [] if value is None else [value] if isinstance(value, Name) else value
    if not isinstance(names, list | Array) or len(names) > MAX_FILTERS or not all(isinstance(n, Name) for n in names):
        raise Refused("corrupt")
    names = [str(name) for name in names]
    if any(name in CODECS for name in names[:-1]):
        raise Refused("corrupt")  # compression applied over an image codec: no writer does that
    return names


def _decode(pdf: pikepdf.Pdf, stream: Stream, filters: list[str], *, keep: bool) -> tuple[int, bytes]:
    """The stream's decoded size and (if keep) bytes, an image codec left encoded. Flate, the
    bomb's filter, is inflated piece by piece and stopped at MAX_STREAM; the rare others
    (LZW, ASCII85, run-length) are decoded by qpdf, the sandbox's memory limit standing guard."""
    general = filters[:-1] if filters and filters[-1] in CODECS else filters
    raw = stream.read_raw_bytes()
    if general and set(general) <= FLATE and not (keep and _predicted(stream)):
        return _inflate(raw, len(general), keep)
    data = raw
    if general:  # decoded by a copy that has only the general filters, so the codec stays encoded
        partial, parms = Stream(pdf, raw, Filter=Array([Name(name) for name in general])), stream.get("/DecodeParms")
        if parms is not None:
            partial.DecodeParms = Array(list(parms)[: len(general)]) if isinstance(parms, Array) else parms
        data = partial.read_bytes(pikepdf.StreamDecodeLevel.specialized)
    if len(data) > MAX_STREAM:
        raise Refused("too_large")
    return len(data), data if keep else b""


def _predicted(stream: Stream) -> bool:
    return any(isinstance(p, Dictionary) and p.get("/Predictor", 1) != 1 for p in _listed(stream.get("/DecodeParms")))


def _listed(value) -> list:
    return list(value) if isinstance(value, Array) else [value]


def _inflate(data: bytes, layers: int, keep: bool) -> tuple[int, bytes]:
    """Through `layers` Flate filters, CHUNK bytes at a time: a bomb is never held in memory."""
    decoders, kept, size = [zlib.decompressobj() for _ in range(layers)], [], 0

    def push(level: int, chunk: bytes) -> None:
        nonlocal size
        if level == layers:
            size += len(chunk)
            if size > MAX_STREAM:
                raise Refused("too_large")
            if keep:
                kept.append(chunk)
            return
        decoder = decoders[level]
        while not decoder.eof:
            try:
                piece = decoder.decompress(chunk, CHUNK)
            except zlib.error:
                return  # damaged data: what came before is all any reader gets
            push(level + 1, piece)
            chunk = decoder.unconsumed_tail
            if not chunk and len(piece) < CHUNK:
                return

    push(0, data)
    return size, b"".join(kept)


def _check_raster(image: Stream) -> None:
    """What a viewer decodes stays within what we would: a fax or JBIG2 image is small on disk."""
    width, height, bits = image.get("/Width"), image.get("/Height"), image.get("/BitsPerComponent", 1)
    if not all(isinstance(n, int) and n > 0 for n in (width, height, bits)):
        raise Refused("corrupt")
    if width * height * bits > 8 * MAX_STREAM:
        raise Refused("too_large")


def _replace(stream: Stream, data: bytes, codec: Name) -> None:
    stream.write(data, filter=codec)
    if "/DecodeParms" in stream:
        del stream["/DecodeParms"]  # a colour transform meant for the old bytes


def _decoded(data: bytes, fmt: str) -> Image.Image:
    return images.open_image(io.BytesIO(data), formats=[fmt])


def _jpeg(data: bytes) -> bytes:
    """A new JPEG from the pixels alone: EXIF, XMP, IPTC, ICC, comments, anything after the image
    and the camera's quantization tables stay behind. Only JFIF (or, for CMYK, Adobe's marker) is
    written. The EXIF orientation is not applied: PDF viewers ignore it."""
    image = _decoded(data, "JPEG")
    if image.mode not in ("L", "RGB", "CMYK"):
        raise Refused("embedded_unsupported")
    pixels = Image.frombytes(image.mode, image.size, image.tobytes())  # Pillow keeps CMYK samples as stored
    out = io.BytesIO()
    pixels.save(out, format="JPEG", quality=92, optimize=True)
    plain_cmyk = image.mode == "CMYK" and "adobe" not in image.info
    return _without_adobe_marker(out.getvalue()) if plain_cmyk else out.getvalue()


def _without_adobe_marker(jpeg: bytes) -> bytes:
    """Viewers may read CMYK as inverted when Adobe's marker is there: it goes if it was not there."""
    at = 2
    while jpeg[at : at + 2] not in (b"\xff\xee", b"\xff\xda", b""):
        at += 2 + int.from_bytes(jpeg[at + 2 : at + 4], "big")
    if jpeg[at : at + 2] != b"\xff\xee":
        return jpeg
    return jpeg[:at] + jpeg[at + 2 + int.from_bytes(jpeg[at + 2 : at + 4], "big") :]


def _jpx(data: bytes) -> bytes:
    """JPEG 2000 re-encoded from its pixels: its XML, UUID and comment boxes stay behind."""
    image = _decoded(data, "JPEG2000")
    if image.mode not in ("L", "LA", "RGB", "RGBA"):
        raise Refused("embedded_unsupported")
    out = io.BytesIO()
    Image.frombytes(image.mode, image.size, image.tobytes()).save(out, format="JPEG2000")  # lossless
    return out.getvalue()


def _check_jbig2(pdf: pikepdf.Pdf, stream: Stream, data: bytes) -> None:
    """JBIG2 cannot be re-encoded here, but its segments can be walked: an extension segment
    (comments) or one that cannot be walked is refused."""
    parms = stream.get("/DecodeParms")
    shared = parms.get("/JBIG2Globals") if isinstance(parms, Dictionary) else None
    parts = [data] + ([_decode(pdf, shared, _filters(shared), keep=True)[1]] if isinstance(shared, Stream) else [])
    if not all(_jbig2_plain(part) for part in parts):
        raise Refused("embedded_unsupported")


def _jbig2_plain(data: bytes) -> bool:
    at = 0
    while at < len(data):
        if at + 11 > len(data):
            return False
        number, flags, count = int.from_bytes(data[at : at + 4], "big"), data[at + 4], data[at + 5] >> 5
        if flags & 0x3F == 62:
            return False  # an extension segment: comments, perhaps a name
        at += 6
        if count == 7:  # the long form: a 29-bit count, then retention bits
            count = int.from_bytes(data[at - 1 : at + 3], "big") & 0x1FFFFFFF
            at += 3 + (count + 8) // 8
        at += count * (1 if number <= 256 else 2 if number <= 65536 else 4) + (4 if flags & 0x40 else 1)
        length = int.from_bytes(data[at : at + 4], "big")
        if length == 0xFFFFFFFF or at + 4 > len(data):
            return False  # an unknown length: the segments cannot be walked
        at += 4 + length
    return True


def _refuse_inline_images(content) -> None:
    """An image inside a content stream carries its own JPEG bytes; rare enough to refuse."""
    for instruction in pikepdf.parse_content_stream(content, "BI ID EI"):
        if set(instruction.iimage.filters) & READ:
            raise Refused("embedded_unsupported")


def _removed(pdf: pikepdf.Pdf, pages: list[pikepdf.Page]) -> Counter:
    """What the new document does not carry over, for the reviewer."""
    found, info, names = Counter(), pdf.trailer.get("/Info"), pdf.Root.get("/Names")
    if isinstance(info, Dictionary) and info.keys():
        found["Document information"] = len(info.keys())
    for key in [*pdf.Root.keys(), *(names.keys() if isinstance(names, Dictionary) else ())]:
        if key not in ("/Type", "/Pages", "/Names"):
            found[LABELS.get(key, key.lstrip("/"))] += 1
    for page in pages:
        for key in set(page.obj.keys()) - PAGE_KEYS:
            annots = page.obj[key] if key == "/Annots" else None
            found[LABELS.get(key, key.lstrip("/"))] += len(annots) if isinstance(annots, Array) else 1
    if "/ID" in pdf.trailer:
        found["Document ID"] = 1
    if pdf.is_encrypted:
        found["Encryption (no user password)"] = 1
    return found

"""PDFs cleaned in the sandbox, judged by exiftool and by reading every object back with pikepdf."""

import io
import re
import time
import zlib
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String
from PIL import Image

from farewell.anonymize.media import sandbox
from farewell.anonymize.media.report import MetadataItem
from farewell.testing.media import IDENTIFYING, exiftool, photo_with_metadata, shared_data

AUTHOR = "Igor Somov"
TEXT = b"(Testimony page) Tj"
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{AUTHOR}</dc:creator>'
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
)


def identifying(path: Path) -> list[str]:
    """exiftool's tags, embedded images included, that could name a person, a device or a place;
    any XMP at all; and a Producer, which names the software of whoever made the file."""
    words, ignored = (*IDENTIFYING, "Producer", "By-line"), ("System:", "File:", "ExifTool:", "Composite:")
    tags = [key for key in exiftool(path, "-G1", "-ee") if not key.startswith(ignored)]
    return [key for key in tags if key.startswith("XMP") or any(word in key for word in words)]


def everything(path: Path) -> bytes:
    """The file's bytes, every object as JSON (strings decoded) and every stream decoded: object
    streams and Flate would hide a name from a plain search of the file."""
    chunks = [path.read_bytes()]
    with pikepdf.open(path) as pdf:
        chunks.append(pdf.trailer.to_json())
        for obj in pdf.objects:
            chunks.append(obj.to_json())
            if isinstance(obj, pikepdf.Stream):
                try:
                    chunks.append(obj.read_bytes())
                except pikepdf.PdfError:  # an image codec qpdf does not decode: its bytes as they are
                    chunks.append(obj.read_raw_bytes())
    return b"\n".join(chunks)


def names_author(path: Path) -> bool:
    data = everything(path)
    return b"Somov" in data or "Somov".encode("utf-16-be") in data


def page(pdf: pikepdf.Pdf, content: bytes, **entries) -> None:
    font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    resources = entries.pop("Resources", Dictionary())
    resources.Font = Dictionary(F1=font)
    body = Dictionary(Type=Name.Page, MediaBox=[0, 0, 612, 792], Contents=pdf.make_stream(content), Resources=resources)
    for key, value in entries.items():
        body[Name("/" + key)] = value
    pdf.pages.append(pikepdf.Page(pdf.make_indirect(body)))


def dirty_pdf(path: Path) -> Path:
    """Two pages carrying the author's name in every place a PDF can hide one."""
    pdf = pikepdf.new()
    xmp = pdf.make_stream(XMP.encode())
    camera = photo_with_metadata(path.parent / "photo.jpg", size=(48, 32)).read_bytes()  # GPS, serial, author
    image = xobject(pdf, camera, Subtype=Name.Image, Width=48, Height=32, Metadata=xmp)
    image.update({"/BitsPerComponent": 8, "/Filter": Name.DCTDecode})
    image.ColorSpace = Array([Name.ICCBased, pdf.make_stream(f"a profile made by {AUTHOR}".encode(), N=3)])
    form = xobject(pdf, b"0 0 1 rg 0 0 10 10 re f", Subtype=Name.Form, BBox=[0, 0, 10, 10], Metadata=xmp)
    form[Name("/PTEX.FileName")] = String(f"/home/{AUTHOR}/figure.pdf")  # what pdfTeX leaves on an included PDF
    form[Name("/PTEX.InfoDict")] = Dictionary(Author=String(AUTHOR))
    form.PieceInfo = Dictionary(Illustrator=Dictionary(Private=String(AUTHOR)))
    layer = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String(f"notes of {AUTHOR}")))
    layer.Usage = Dictionary(User=Dictionary(Type=Name.Ind, Name=String(AUTHOR)))
    notes = Dictionary(Title=String(f"layer of {AUTHOR}"))  # how Illustrator names its layers
    resources = Dictionary(XObject=Dictionary(Im0=image, Fm0=form), Properties=Dictionary(L0=layer, MC0=notes))
    note = Dictionary(
        Type=Name.Annot, Subtype=Name.Text, Rect=[0, 0, 20, 20], T=String(AUTHOR), Contents=String("mine")
    )
    link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 9, 9])
    link.A = Dictionary(S=Name.URI, URI=String("https://vk.com/igor.somov"))
    content = b"q 48 0 0 32 72 600 cm /Im0 Do Q /Fm0 Do /OC /L0 BDC BT /F1 24 Tf 72 700 Td " + TEXT + b" ET EMC"
    page(pdf, content, Resources=resources, Annots=Array([note, link]), LastModified=String("D:20240101"))
    page(pdf, b"BT /F1 12 Tf 72 700 Td (Second page) Tj ET", Thumb=pdf.make_stream(AUTHOR.encode()))
    pdf.pages[1].obj.PieceInfo = Dictionary(Word=Dictionary(Private=String(AUTHOR)))
    pdf.attachments["somov.txt"] = pikepdf.AttachedFileSpec(pdf, f"notes of {AUTHOR}".encode())
    pdf.Root.Names.JavaScript = Dictionary(Names=Array([String("a"), Dictionary(S=Name.JavaScript, JS=String(AUTHOR))]))
    pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=String(f"app.alert('{AUTHOR}')"))
    pdf.Root.AcroForm = Dictionary(
        Fields=Array([pdf.make_indirect(Dictionary(FT=Name.Tx, T=String("name"), V=String(AUTHOR)))])
    )
    bookmark = pdf.make_indirect(Dictionary(Title=String(f"chapter by {AUTHOR}")))
    pdf.Root.Outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines, First=bookmark, Last=bookmark, Count=1))
    pdf.Root.StructTreeRoot = Dictionary(Type=Name.StructTreeRoot, K=Dictionary(S=Name.P, T=String(AUTHOR)))
    pdf.Root.OCProperties = Dictionary(OCGs=Array([layer]), D=Dictionary(Creator=String(AUTHOR)))
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = [AUTHOR]
        meta["xmp:CreatorTool"] = f"{AUTHOR}'s editor"
    pdf.docinfo.update({"/Author": AUTHOR, "/Creator": f"{AUTHOR}'s Word", "/Producer": f"{AUTHOR} PDF"})
    pdf.pages[0].Resources.Font.F1.Stray = pdf.Root  # the catalog must not ride along with a font that points to it
    pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return path


def xobject(pdf: pikepdf.Pdf, data: bytes, **entries) -> pikepdf.Stream:
    return pdf.make_stream(data, Dictionary(Type=Name.XObject, **entries))


def clean(source: Path, target: Path, progress=None):
    report = sandbox.run("clean", source, target, progress=progress)
    assert report.refused is None, report.reason
    assert report.output_type == "application/pdf"
    return report


def text_of(path: Path) -> list[bytes]:
    with pikepdf.open(path) as pdf:
        return [b"".join(part.read_bytes() for part in _contents(page.obj.Contents)) for page in pdf.pages]


def _contents(contents):
    return list(contents) if isinstance(contents, Array) else [contents]


def test_every_trace_of_the_author_is_gone_and_the_pages_survive(tmp_path):
    source, target, fractions = dirty_pdf(tmp_path / "in.pdf"), tmp_path / "out.pdf", []
    assert identifying(source) and names_author(source), "the test file should carry the name before cleaning"
    report = clean(source, target, progress=fractions.append)
    assert 0 < max(fractions) <= 1 and fractions == sorted(fractions), "progress is reported page by page"
    assert identifying(target) == []
    assert not names_author(target)
    pages = text_of(target)
    assert len(pages) == 2 and TEXT in pages[0] and b"(Second page) Tj" in pages[1]
    removed = {item.tag for item in report.metadata if item.group == "Removed"}
    assert {"Annotations", "JavaScript", "Embedded files", "Bookmarks", "Form fields", "XMP"} <= removed
    with pikepdf.open(target) as pdf:
        assert "/Info" not in pdf.trailer and set(pdf.Root.keys()) == {"/Type", "/Pages"}
        assert not any(key in pdf.pages[0].obj for key in ("/Annots", "/PieceInfo", "/LastModified", "/Thumb"))
        image = pdf.pages[0].Resources.XObject.Im0
        assert image.Filter == Name.DCTDecode and image.ColorSpace == Name.DeviceRGB
        jpeg = image.read_raw_bytes()
    assert Image.open(io.BytesIO(jpeg)).size == (48, 32)
    assert re.findall(rb"\xff[\xe1-\xef\xfe]", jpeg[: jpeg.find(b"\xff\xda")]) == [], "no APP1-15 or COM segment"


def test_the_document_id_is_new(tmp_path):
    source, target = dirty_pdf(tmp_path / "in.pdf"), tmp_path / "out.pdf"
    clean(source, target)
    with pikepdf.open(source) as before, pikepdf.open(target) as after:
        assert not {bytes(part) for part in before.trailer.ID} & {bytes(part) for part in after.trailer.ID}


def test_an_earlier_revision_does_not_survive(tmp_path):
    source, target = tmp_path / "in.pdf", tmp_path / "out.pdf"
    Image.new("RGB", (40, 40), "white").save(source, "PDF", author=AUTHOR, title="draft")
    append_revision(source, b"<< /Author (Anonymous) >>")
    with pikepdf.open(source) as pdf:
        assert pdf.docinfo.Author == "Anonymous", "the update should be the revision readers see"
    assert AUTHOR.encode("utf-16-be") in source.read_bytes(), "the old revision should still be in the file"
    clean(source, target)
    assert not names_author(target)
    assert len(text_of(target)) == 1


def append_revision(path: Path, info: bytes) -> None:
    """An incremental update: a new /Info object, a new xref section and trailer pointing back."""
    data = path.read_bytes()
    previous = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    with pikepdf.open(path) as pdf:
        number, root = int(pdf.trailer.Size), pdf.Root.objgen[0]
    body = b"%d 0 obj\n%s\nendobj\n" % (number, info)
    xref = b"xref\n%d 1\n%010d 00000 n \n" % (number, len(data))
    trailer = b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %d >>\n" % (number + 1, root, number, previous)
    path.write_bytes(data + body + xref + trailer + b"startxref\n%d\n%%%%EOF\n" % (len(data) + len(body)))


def test_bytes_around_the_pdf_do_not_survive(tmp_path):
    source, target = tmp_path / "in.pdf", tmp_path / "out.pdf"
    Image.new("RGB", (40, 40), "white").save(source, "PDF")
    source.write_bytes(b"#!/bin/sh\n# Igor Somov\n" + source.read_bytes() + b"\nPK\x03\x04 Igor Somov's archive")
    clean(source, target)
    assert target.read_bytes().startswith(b"%PDF-") and b"Somov" not in target.read_bytes()


def test_a_damaged_cross_reference_table_is_repaired_and_cleaned(tmp_path):
    source, target = tmp_path / "in.pdf", tmp_path / "out.pdf"
    Image.new("RGB", (40, 40), "white").save(source, "PDF", author=AUTHOR)
    source.write_bytes(re.sub(rb"startxref\s+\d+", b"startxref\n999999", source.read_bytes()))
    clean(source, target)
    assert len(text_of(target)) == 1 and not names_author(target)


def test_an_owner_password_alone_is_removed_and_the_document_cleaned(tmp_path):
    source, target = tmp_path / "in.pdf", tmp_path / "out.pdf"
    pdf = pikepdf.new()
    page(pdf, b"BT /F1 12 Tf 72 700 Td " + TEXT + b" ET")
    pdf.docinfo.Author = AUTHOR
    pdf.save(source, encryption=pikepdf.Encryption(owner="owner", user="", R=6))
    clean(source, target)
    with pikepdf.open(target) as cleaned:
        assert not cleaned.is_encrypted
    assert TEXT in text_of(target)[0] and not names_author(target)


def cmyk_jpeg(adobe: bool) -> bytes:
    out = io.BytesIO()
    Image.new("CMYK", (16, 16), (200, 40, 10, 30)).save(out, "JPEG", quality=95)
    jpeg = out.getvalue()
    assert jpeg[2:4] == b"\xff\xee", "Pillow writes Adobe's marker first in a CMYK JPEG"
    return jpeg if adobe else jpeg[:2] + jpeg[4 + int.from_bytes(jpeg[4:6], "big") :]


@pytest.mark.parametrize("adobe", [True, False])
def test_cmyk_jpegs_keep_their_samples(tmp_path, adobe):
    source, target = tmp_path / "in.pdf", tmp_path / "out.pdf"
    pdf = pikepdf.new()
    jpeg = cmyk_jpeg(adobe)
    image = xobject(pdf, jpeg, Subtype=Name.Image, Width=16, Height=16, BitsPerComponent=8)
    image.update({"/ColorSpace": Name.DeviceCMYK, "/Filter": Name.DCTDecode})
    page(pdf, b"q 16 0 0 16 0 0 cm /Im0 Do Q", Resources=Dictionary(XObject=Dictionary(Im0=image)))
    pdf.save(source)
    clean(source, target)
    with pikepdf.open(target) as cleaned:
        new = cleaned.pages[0].Resources.XObject.Im0.read_raw_bytes()
    assert (b"Adobe" in new[:64]) == adobe
    before, after = Image.open(io.BytesIO(jpeg)).getpixel((8, 8)), Image.open(io.BytesIO(new)).getpixel((8, 8))
    assert all(abs(a - b) <= 8 for a, b in zip(before, after, strict=True)), (before, after)


def test_a_jpeg_2000_image_loses_its_boxes(tmp_path):
    source, target = tmp_path / "in.pdf", tmp_path / "out.pdf"
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 200, 10)).save(out, "JPEG2000")
    box = f"<x:xmpmeta><dc:creator>{AUTHOR}</dc:creator></x:xmpmeta>".encode()
    jp2 = out.getvalue() + (8 + len(box)).to_bytes(4, "big") + b"xml " + box
    pdf = pikepdf.new()
    image = xobject(pdf, jp2, Subtype=Name.Image, Width=16, Height=16, Filter=Name.JPXDecode)
    page(pdf, b"q 16 0 0 16 0 0 cm /Im0 Do Q", Resources=Dictionary(XObject=Dictionary(Im0=image)))
    pdf.save(source)
    assert names_author(source)
    clean(source, target)
    assert not names_author(target)
    with pikepdf.open(target) as cleaned:
        data = cleaned.pages[0].Resources.XObject.Im0.read_raw_bytes()
    assert Image.open(io.BytesIO(data)).getpixel((8, 8))[1] > 150


def test_inspect_lists_the_author_wherever_it_hides(tmp_path):
    report = sandbox.run("inspect", dirty_pdf(tmp_path / "in.pdf"))
    assert report.refused is None, report.reason
    found = set(report.metadata)
    for item in [
        MetadataItem("PDF", "Author", AUTHOR),
        MetadataItem("XMP", "creator", AUTHOR),
        MetadataItem("Annotations", "Author", AUTHOR),
        MetadataItem("Annotations", "Link", "https://vk.com/igor.somov"),
        MetadataItem("Embedded", "File", "somov.txt"),
        MetadataItem("Scripts", "JavaScript", "document-level scripts"),
        MetadataItem("Form", "name", AUTHOR),
        MetadataItem("Outline", "Title", f"chapter by {AUTHOR}"),
        MetadataItem("Image EXIF", "Artist", AUTHOR),
        MetadataItem("PDF", "PTEX.FileName", f"/home/{AUTHOR}/figure.pdf"),
    ]:
        assert item in found, item
    assert any(item.group == "Image GPS" for item in found)


# Hostile files: each a few kilobytes, each refused for its reason within seconds.


def truncated(path: Path) -> None:
    Image.new("RGB", (40, 40), "white").save(path, "PDF")
    path.write_bytes(path.read_bytes()[:120])


def junk(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)


def bomb(path: Path) -> None:
    """A page whose content stream inflates to 1.1 GB, filtered twice: 2 kB on disk."""
    chunk, compressor, count = bytes(1 << 20), zlib.compressobj(9), 1100
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeat = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)  # the same bytes for every MB after
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(chunk, checksum)
    inflated = first + repeat * (count - 1) + compressor.flush()[:-4] + checksum.to_bytes(4, "big")
    pdf = pikepdf.new()
    page(pdf, b"")
    contents = pdf.pages[0].Contents
    contents.write(zlib.compress(inflated, 9), filter=Array([Name.FlateDecode, Name.FlateDecode]))
    pdf.save(path, compress_streams=False, stream_decode_level=pikepdf.StreamDecodeLevel.none)  # or qpdf inflates it
    assert path.stat().st_size < 50_000


def many_pages(path: Path) -> None:
    """100,000 pages declared, all the same small object."""
    kids = b" ".join([b"3 0 R"] * 100_000)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 100000 /Kids [" + kids + b"] >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))


def user_password(path: Path) -> None:
    pdf = pikepdf.new()
    page(pdf, b"BT /F1 12 Tf 72 700 Td " + TEXT + b" ET")
    pdf.save(path, encryption=pikepdf.Encryption(owner="owner", user="secret"))


def with_image(path: Path, data: bytes, **entries) -> None:
    pdf = pikepdf.new()
    image = xobject(pdf, data, Subtype=Name.Image, Width=8, Height=8, BitsPerComponent=1, ColorSpace=Name.DeviceGray)
    image.update({"/" + key: value for key, value in entries.items()})
    page(pdf, b"q 8 0 0 8 0 0 cm /Im0 Do Q", Resources=Dictionary(XObject=Dictionary(Im0=image)))
    pdf.save(path)


def jbig2_comment(path: Path) -> None:
    comment = b"\x00\x00\x00\x00" + AUTHOR.encode()
    segment = b"\x00\x00\x00\x00" + bytes([62, 0, 1]) + len(comment).to_bytes(4, "big") + comment
    with_image(path, segment, Filter=Name.JBIG2Decode)


def inline_jpeg(path: Path) -> None:
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "JPEG")
    pdf = pikepdf.new()
    page(pdf, b"q 4 0 0 4 0 0 cm BI /W 4 /H 4 /CS /RGB /BPC 8 /F /DCT ID " + out.getvalue() + b"\nEI Q")
    pdf.save(path)


def postscript(path: Path) -> None:
    pdf = pikepdf.new()
    code = xobject(pdf, b"%%Creator: Igor Somov\n", Subtype=Name.PS)
    page(pdf, b"/PS0 Do", Resources=Dictionary(XObject=Dictionary(PS0=code)))
    pdf.save(path)


@pytest.mark.parametrize(
    "build, code",
    [
        (truncated, "corrupt"),
        (junk, "corrupt"),
        (bomb, "too_large"),
        (many_pages, "too_large"),
        (user_password, "encrypted"),
        (jbig2_comment, "embedded_unsupported"),
        (inline_jpeg, "embedded_unsupported"),
        (postscript, "embedded_unsupported"),
    ],
)
def test_hostile_files_are_refused_quickly(tmp_path, build, code):
    source, target = tmp_path / "in.pdf", tmp_path / "out.pdf"
    build(source)
    started = time.monotonic()
    report = sandbox.run("clean", source, target)
    assert report.refused == code, report.refused
    assert time.monotonic() - started < 10
    assert not target.exists()


def test_a_jbig2_image_without_comments_is_kept(tmp_path):
    source, target = tmp_path / "in.pdf", tmp_path / "out.pdf"
    page_information = bytes(19)  # width, height, resolutions, flags, striping: all zero
    segment = b"\x00\x00\x00\x00" + bytes([48, 0, 1]) + len(page_information).to_bytes(4, "big") + page_information
    with_image(source, segment, Filter=Name.JBIG2Decode)
    clean(source, target)
    with pikepdf.open(target) as cleaned:
        assert cleaned.pages[0].Resources.XObject.Im0.read_raw_bytes() == segment


def test_every_sample_pdf_is_cleaned_or_refused_never_crashing(tmp_path):
    folders = [shared_data("mat2-testdata"), shared_data("exiftool-t-images")]  # or a skip saying they are absent
    outcomes = {}
    for path in sorted(p for folder in folders for p in folder.rglob("*") if p.suffix.lower() == ".pdf"):
        target = tmp_path / "out.pdf"
        report = sandbox.run("clean", path, target)
        outcomes[path.name] = report.refused or "cleaned"
        if report.refused is None:
            assert identifying(target) == [], path
            target.unlink()
    assert outcomes and "crash" not in outcomes.values() and "limit" not in outcomes.values(), outcomes
    assert list(outcomes.values()).count("cleaned") >= 0.8 * len(outcomes), outcomes

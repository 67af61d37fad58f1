"""Office documents written by the tests, cleaned in the sandbox, judged by exiftool and by their XML."""

# exiftool reads document properties but not comment or revision authors: the output's own XML
# is read for those.

import io
import json
import posixpath
import re
import subprocess
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from farewell.anonymize.media import office, sandbox
from farewell.anonymize.media.formats import ODF, OOXML
from farewell.anonymize.media.report import REFUSALS, Refused
from farewell.testing.media import IDENTIFYING, exiftool, photo_with_metadata, shared_data

WORDS = (*IDENTIFYING, "LastModifiedBy", "Company", "Manager", "Template", "Printer")
SECRET = re.compile(rb"somov|igor", re.IGNORECASE)  # every identifying value written below names him
KEPT, DELETED = "The bridge at Kupiansk was mined at dawn.", "by the 3rd company"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata"
RELS = {
    "officeDocument": f"{DOC_REL}/officeDocument",
    "core": f"{PKG_REL}/core-properties",
    "app": f"{DOC_REL}/extended-properties",
    "custom": f"{DOC_REL}/custom-properties",
    "thumbnail": f"{PKG_REL}/thumbnail",
    "people": "http://schemas.microsoft.com/office/2011/relationships/people",
    "vbaProject": "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
}
CT = "application/vnd.openxmlformats-officedocument"
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}
XMLNS = " ".join(
    f'xmlns:{prefix}="{uri}"'
    for prefix, uri in {
        "w": NS["w"],
        "a": NS["a"],
        "r": DOC_REL,
        "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
        "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
        "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
        "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
        "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
        "x15ac": "http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac",
    }.items()
)
ODF_XMLNS = (
    " ".join(
        f'xmlns:{prefix}="urn:oasis:names:tc:opendocument:xmlns:{name}:1.0"'
        for prefix, name in [
            ("office", "office"),
            ("text", "text"),
            ("table", "table"),
            ("draw", "drawing"),
            ("style", "style"),
            ("meta", "meta"),
            ("config", "config"),
            ("svg", "svg-compatible"),
            ("fo", "xsl-fo-compatible"),
            ("presentation", "presentation"),
        ]
    )
    + ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xlink="http://www.w3.org/1999/xlink"'
    + ' xmlns:officeooo="http://openoffice.org/2009/office"'
)


# --- documents written by hand, valid and minimal, carrying everything that names their author -----


def xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body).encode()


def relationships(*entries) -> bytes:
    lines = []
    for rel_id, kind, target, *external in entries:
        mode = ' TargetMode="External"' if external else ""
        lines.append(
            f'<Relationship Id="{rel_id}" Type="{RELS.get(kind, f"{DOC_REL}/{kind}")}" Target="{target}"{mode}/>'
        )
    namespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    return xml(f'<Relationships xmlns="{namespace}">{"".join(lines)}</Relationships>')


def content_types(overrides: dict[str, str]) -> bytes:
    defaults = {
        "rels": "application/vnd.openxmlformats-package.relationships+xml",
        "xml": "application/xml",
        "jpeg": "image/jpeg",
        "vml": f"{CT}.vmlDrawing",
        "bin": "application/vnd.ms-office.vbaProject",
        "emf": "image/x-emf",
    }
    entries = [f'<Default Extension="{ext}" ContentType="{kind}"/>' for ext, kind in defaults.items()]
    entries += [f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in overrides.items()]
    return xml(
        f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{"".join(entries)}</Types>'
    )


def properties() -> dict[str, bytes]:
    return {
        "docProps/core.xml": xml(
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Igor Somov</dc:creator>'
            "<cp:lastModifiedBy>Igor Somov</cp:lastModifiedBy><dc:title>Report by Igor Somov</dc:title>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2024-03-01T10:00:00Z</dcterms:created></cp:coreProperties>'
        ),
        "docProps/app.xml": xml(
            f'<Properties xmlns="{DOC_REL.replace("relationships", "extended-properties")}">'
            "<Template>C:\\Users\\igor.somov\\Normal.dotm</Template><Company>Unit of Igor Somov</Company>"
            "<Manager>Igor Somov</Manager><Application>Microsoft Office Word</Application></Properties>"
        ),
        "docProps/custom.xml": xml(
            f'<Properties xmlns="{DOC_REL.replace("relationships", "custom-properties")}" '
            f'xmlns:vt="{DOC_REL.replace("relationships", "docPropsVTypes")}">'
            '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Callsign">'
            "<vt:lpwstr>Igor Somov</vt:lpwstr></property></Properties>"
        ),
    }


def package_parts(main: str, main_xml: bytes) -> dict[str, bytes]:
    rels = relationships(
        ("rId1", "officeDocument", main),
        ("rId2", "core", "docProps/core.xml"),
        ("rId3", "app", "docProps/app.xml"),
        ("rId4", "custom", "docProps/custom.xml"),
        ("rId5", "thumbnail", "docProps/thumbnail.jpeg"),
    )
    return {"_rels/.rels": rels, **properties(), main: main_xml}


def picture(tmp_path: Path) -> bytes:
    return photo_with_metadata(tmp_path / "photo.jpg").read_bytes()


DRAWING = (
    '<w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="457200"/>'
    '<wp:docPr id="1" name="Picture 1" descr="C:\\Users\\igor.somov\\Pictures\\IMG_0001.jpg"/>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
    '<pic:nvPicPr><pic:cNvPr id="0" name="IMG_0001_igor_somov.jpg"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:embed="rId4"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="457200"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>'
    "</wp:inline></w:drawing></w:r>"
)
TRACKED = (
    '<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3" w14:paraId="1A2B3C4D"><w:commentRangeStart w:id="0"/>'
    '<w:r w:rsidR="00A1B2C3"><w:t xml:space="preserve">The bridge at Kupiansk </w:t></w:r>'
    '<w:ins w:id="1" w:author="Igor Somov" w:date="2024-03-01T10:00:00Z"><w:r><w:t xml:space="preserve">was mined '
    '</w:t></w:r></w:ins><w:del w:id="2" w:author="Igor Somov" w:date="2024-03-01T10:00:00Z"><w:r><w:delText '
    'xml:space="preserve">by the 3rd company of Igor Somov </w:delText></w:r></w:del><w:r><w:rPr><w:b/>'
    '<w:rPrChange w:id="3" w:author="Igor Somov" w:date="2024-03-01T10:00:00Z"><w:rPr/></w:rPrChange></w:rPr>'
    '<w:t>at dawn.</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/>'
    '</w:rPr><w:commentReference w:id="0"/></w:r></w:p>'
)


def docx(tmp_path: Path, extra_rels=(), extra_parts=None) -> dict[str, bytes]:
    body = (
        f'<w:document {XMLNS} mc:Ignorable="w14"><w:body>{TRACKED}'
        '<w:p><w:fldSimple w:instr=" AUTHOR \\* MERGEFORMAT "><w:r><w:t>Igor Somov</w:t></w:r></w:fldSimple></w:p>'
        f'<w:p>{DRAWING}</w:p><w:sectPr w:rsidR="00A1B2C3"><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
        "</w:body></w:document>"
    )
    word = f"{CT}.wordprocessingml"
    return {
        "[Content_Types].xml": content_types(
            {
                "word/document.xml": f"{word}.document.main+xml",
                "word/comments.xml": f"{word}.comments+xml",
                "word/settings.xml": f"{word}.settings+xml",
                "word/people.xml": f"{word}.people+xml",
                "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
                "docProps/app.xml": f"{CT}.extended-properties+xml",
                "docProps/custom.xml": f"{CT}.custom-properties+xml",
            }
        ),
        **package_parts("word/document.xml", xml(body)),
        "word/_rels/document.xml.rels": relationships(
            ("rId1", "comments", "comments.xml"),
            ("rId2", "settings", "settings.xml"),
            ("rId3", "people", "people.xml"),
            ("rId4", "image", "media/image1.jpeg"),
            ("rId5", "hyperlink", "https://example.org/report", True),
            *extra_rels,
        ),
        "word/comments.xml": xml(
            f'<w:comments {XMLNS}><w:comment w:id="0" w:author="Igor Somov" w:initials="IS" '
            'w:date="2024-03-01T10:00:00Z"><w:p><w:r><w:t>Igor Somov wrote this</w:t></w:r></w:p></w:comment>'
            "</w:comments>"
        ),
        "word/people.xml": xml(
            '<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:person '
            'w15:author="Igor Somov"><w15:presenceInfo w15:providerId="None" w15:userId="Igor Somov"/>'
            "</w15:person></w15:people>"
        ),
        "word/settings.xml": xml(
            f'<w:settings {XMLNS}><w:attachedTemplate r:id="rId1"/><w:rsids><w:rsidRoot w:val="00A1B2C3"/>'
            '<w:rsid w:val="00A1B2C3"/></w:rsids></w:settings>'
        ),
        "word/_rels/settings.xml.rels": relationships(
            ("rId1", "attachedTemplate", "file:///C:/Users/igor.somov/Normal.dotm", True)
        ),
        "word/media/image1.jpeg": picture(tmp_path),
        "docProps/thumbnail.jpeg": picture(tmp_path),
        **(extra_parts or {}),
    }


def xlsx(tmp_path: Path) -> dict[str, bytes]:
    sheet = f"{CT}.spreadsheetml"
    return {
        "[Content_Types].xml": content_types(
            {
                "xl/workbook.xml": f"{sheet}.sheet.main+xml",
                "xl/worksheets/sheet1.xml": f"{sheet}.worksheet+xml",
                "xl/comments1.xml": f"{sheet}.comments+xml",
                "xl/drawings/drawing1.xml": f"{CT}.drawing+xml",
                "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
                "docProps/app.xml": f"{CT}.extended-properties+xml",
                "docProps/custom.xml": f"{CT}.custom-properties+xml",
            }
        ),
        **package_parts(
            "xl/workbook.xml",
            xml(
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                f'{XMLNS} mc:Ignorable="x15ac">'
                '<fileSharing userName="Igor Somov"/><mc:AlternateContent><mc:Choice Requires="x15">'
                '<x15ac:absPath url="C:\\Users\\igor.somov\\Documents\\"/></mc:Choice></mc:AlternateContent>'
                '<sheets><sheet name="Losses" sheetId="1" r:id="rId1"/></sheets></workbook>'
            ),
        ),
        "xl/_rels/workbook.xml.rels": relationships(("rId1", "worksheet", "worksheets/sheet1.xml")),
        "xl/worksheets/sheet1.xml": xml(
            f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" {XMLNS}><sheetData>'
            f'<row r="1"><c r="A1" t="inlineStr"><is><t>{KEPT}</t></is></c></row></sheetData>'
            '<drawing r:id="rId3"/><legacyDrawing r:id="rId2"/></worksheet>'
        ),
        "xl/worksheets/_rels/sheet1.xml.rels": relationships(
            ("rId1", "comments", "../comments1.xml"),
            ("rId2", "vmlDrawing", "../drawings/vmlDrawing1.vml"),
            ("rId3", "drawing", "../drawings/drawing1.xml"),
        ),
        "xl/comments1.xml": xml(
            '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Igor Somov'
            '</author></authors><commentList><comment ref="A1" authorId="0"><text><r><t>Igor Somov checked</t></r>'
            "</text></comment></commentList></comments>"
        ),
        "xl/drawings/vmlDrawing1.vml": (
            b'<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel">'
            b'<v:shape id="_x0000_s1025"><x:ClientData ObjectType="Note"><x:Row>0</x:Row><x:Column>0</x:Column>'
            b"</x:ClientData></v:shape></xml>"
        ),
        "xl/drawings/drawing1.xml": xml(
            f"<xdr:wsDr {XMLNS}><xdr:oneCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff>"
            '<xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="914400" cy="457200"/><xdr:pic>'
            '<xdr:nvPicPr><xdr:cNvPr id="2" name="IMG_0001_igor_somov.jpg"/><xdr:cNvPicPr/></xdr:nvPicPr>'
            '<xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/>'
            "</xdr:oneCellAnchor></xdr:wsDr>"
        ),
        "xl/drawings/_rels/drawing1.xml.rels": relationships(("rId1", "image", "../media/image1.jpeg")),
        "xl/media/image1.jpeg": picture(tmp_path),
        "docProps/thumbnail.jpeg": picture(tmp_path),
    }


def shape_tree(content: str = "") -> str:
    return (
        '<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
        f"<p:grpSpPr/>{content}</p:spTree></p:cSld>"
    )


def pptx(tmp_path: Path) -> dict[str, bytes]:
    deck = f"{CT}.presentationml"
    colors = " ".join(f'{name}="{name}"' for name in ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6"))
    slide = (
        '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Title 1"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/><p:txBody>'
        f"<a:bodyPr/><a:p><a:r><a:t>{KEPT}</a:t></a:r></a:p></p:txBody></p:sp>"
        '<p:pic><p:nvPicPr><p:cNvPr id="3" name="IMG_0001_igor_somov.jpg"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        '<p:blipFill><a:blip r:embed="rId2"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr/></p:pic>'
    )
    return {
        "[Content_Types].xml": content_types(
            {
                "ppt/presentation.xml": f"{deck}.presentation.main+xml",
                "ppt/slides/slide1.xml": f"{deck}.slide+xml",
                "ppt/slideMasters/slideMaster1.xml": f"{deck}.slideMaster+xml",
                "ppt/slideLayouts/slideLayout1.xml": f"{deck}.slideLayout+xml",
                "ppt/commentAuthors.xml": f"{deck}.commentAuthors+xml",
                "ppt/comments/comment1.xml": f"{deck}.comments+xml",
                "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
                "docProps/app.xml": f"{CT}.extended-properties+xml",
                "docProps/custom.xml": f"{CT}.custom-properties+xml",
            }
        ),
        **package_parts(
            "ppt/presentation.xml",
            xml(
                f'<p:presentation {XMLNS}><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/>'
                '</p:sldMasterIdLst><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst>'
                '<p:sldSz cx="9144000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>'
            ),
        ),
        "ppt/_rels/presentation.xml.rels": relationships(
            ("rId1", "slideMaster", "slideMasters/slideMaster1.xml"),
            ("rId2", "slide", "slides/slide1.xml"),
            ("rId3", "commentAuthors", "commentAuthors.xml"),
        ),
        "ppt/slideMasters/slideMaster1.xml": xml(
            f'<p:sldMaster {XMLNS}>{shape_tree()}<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" {colors} '
            'hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/>'
            "</p:sldLayoutIdLst></p:sldMaster>"
        ),
        "ppt/slideMasters/_rels/slideMaster1.xml.rels": relationships(
            ("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml")
        ),
        "ppt/slideLayouts/slideLayout1.xml": xml(f"<p:sldLayout {XMLNS}>{shape_tree()}</p:sldLayout>"),
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels": relationships(
            ("rId1", "slideMaster", "../slideMasters/slideMaster1.xml")
        ),
        "ppt/slides/slide1.xml": xml(f"<p:sld {XMLNS}>{shape_tree(slide)}</p:sld>"),
        "ppt/slides/_rels/slide1.xml.rels": relationships(
            ("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"),
            ("rId2", "image", "../media/image1.jpeg"),
            ("rId3", "comments", "../comments/comment1.xml"),
        ),
        "ppt/commentAuthors.xml": xml(
            f'<p:cmAuthorLst {XMLNS}><p:cmAuthor id="0" name="Igor Somov" initials="IS" lastIdx="1" clrIdx="0"/>'
            "</p:cmAuthorLst>"
        ),
        "ppt/comments/comment1.xml": xml(
            f'<p:cmLst {XMLNS}><p:cm authorId="0" dt="2024-03-01T10:00:00.000" idx="1"><p:pos x="10" y="10"/>'
            "<p:text>Igor Somov checked</p:text></p:cm></p:cmLst>"
        ),
        "ppt/media/image1.jpeg": picture(tmp_path),
        "docProps/thumbnail.jpeg": picture(tmp_path),
    }


ODF_BODIES = {
    "text": (
        '<office:text><text:tracked-changes><text:changed-region text:id="ct1"><text:insertion><office:change-info>'
        "<dc:creator>Igor Somov</dc:creator><dc:date>2024-03-01T10:00:00</dc:date></office:change-info>"
        "</text:insertion>"
        '</text:changed-region><text:changed-region text:id="ct2"><text:deletion><office:change-info><dc:creator>'
        "Igor Somov</dc:creator><dc:date>2024-03-01T10:00:00</dc:date></office:change-info><text:p>by the 3rd "
        "company of Igor Somov</text:p></text:deletion></text:changed-region></text:tracked-changes><text:p "
        'text:style-name="P1">The bridge at Kupiansk <text:change-start text:change-id="ct1"/>was mined '
        '<text:change-end text:change-id="ct1"/><text:change text:change-id="ct2"/><office:annotation><dc:creator>'
        "Igor Somov</dc:creator><dc:date>2024-03-01T10:00:00</dc:date><text:p>Igor Somov wrote this</text:p>"
        "</office:annotation>at dawn.</text:p><text:p>Written by <text:author-name>Igor Somov</text:author-name>."
        '</text:p><text:p><draw:frame draw:name="IMG_0001_igor_somov.jpg" svg:width="2cm" svg:height="1cm" '
        'text:anchor-type="as-char"><draw:image xlink:href="Pictures/photo.jpg" xlink:type="simple" '
        'xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p></office:text>'
    ),
    "spreadsheet": (
        '<office:spreadsheet><table:table table:name="Losses"><table:shapes><draw:frame draw:name="IMG_0001_igor_somov'
        '.jpg" svg:width="2cm" svg:height="1cm" svg:x="1cm" svg:y="1cm"><draw:image xlink:href="Pictures/photo.jpg"/>'
        "</draw:frame></table:shapes><table:table-column/><table:table-row><table:table-cell office:value-type="
        '"string"><office:annotation><dc:creator>Igor Somov</dc:creator><text:p>Igor Somov checked</text:p>'
        f"</office:annotation><text:p>{KEPT}</text:p></table:table-cell></table:table-row></table:table>"
        "</office:spreadsheet>"
    ),
    "presentation": (
        '<office:presentation><draw:page draw:name="page1" draw:master-page-name="Default"><draw:frame '
        'draw:name="IMG_0001_igor_somov.jpg" svg:width="2cm" svg:height="1cm" svg:x="1cm" svg:y="5cm"><draw:image '
        'xlink:href="Pictures/photo.jpg"/></draw:frame><draw:frame svg:width="20cm" svg:height="3cm" svg:x="1cm" '
        f'svg:y="1cm"><draw:text-box><text:p>{KEPT}</text:p></draw:text-box></draw:frame><officeooo:annotation '
        'svg:x="1cm" svg:y="1cm" svg:width="1cm" svg:height="1cm"><dc:creator>Igor Somov</dc:creator><dc:date>'
        "2024-03-01T10:00:00</dc:date><text:p>Igor Somov checked</text:p></officeooo:annotation></draw:page>"
        "</office:presentation>"
    ),
}


def odf(tmp_path: Path, kind: str, manifest_extra: str = "", extra_parts=None) -> dict[str, bytes]:
    files = {
        "content.xml": "text/xml",
        "styles.xml": "text/xml",
        "meta.xml": "text/xml",
        "settings.xml": "text/xml",
        "Pictures/photo.jpg": "image/jpeg",
        "Thumbnails/thumbnail.png": "image/png",
        "Configurations2/": "application/vnd.sun.xml.ui.configuration",
        "Configurations2/accelerator/current.xml": "",
    }
    entry = '<manifest:file-entry manifest:full-path="{}" manifest:media-type="{}"/>'
    entries = "".join(entry.format(name, media_type) for name, media_type in files.items())
    master = "Default" if kind == "presentation" else "Standard"
    thumbnail = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 200, 10)).save(thumbnail, format="PNG")
    return {
        "mimetype": f"{ODF}.{kind}".encode(),
        "META-INF/manifest.xml": xml(
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            f'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
            f'manifest:media-type="{ODF}.{kind}"/>{entries}{manifest_extra}</manifest:manifest>'
        ),
        "content.xml": xml(
            f'<office:document-content {ODF_XMLNS} office:version="1.3"><office:automatic-styles><style:style '
            'style:name="P1" style:family="paragraph"><style:text-properties officeooo:rsid="0012ab34" '
            f'officeooo:paragraph-rsid="0012ab34"/></style:style></office:automatic-styles><office:body>{ODF_BODIES[kind]}'
            "</office:body></office:document-content>"
        ),
        "styles.xml": xml(
            f'<office:document-styles {ODF_XMLNS} office:version="1.3"><office:automatic-styles><style:page-layout '
            'style:name="pm1"/></office:automatic-styles><office:master-styles><style:master-page '
            f'style:name="{master}" style:page-layout-name="pm1"><style:footer><text:p>By <text:initial-creator>'
            "Igor Somov</text:initial-creator></text:p></style:footer></style:master-page></office:master-styles>"
            "</office:document-styles>"
        ),
        "meta.xml": xml(
            f'<office:document-meta {ODF_XMLNS} office:version="1.3"><office:meta><meta:initial-creator>Igor Somov'
            "</meta:initial-creator><dc:creator>Igor Somov</dc:creator><dc:title>Report by Igor Somov</dc:title>"
            "<meta:generator>LibreOffice/7.4</meta:generator><meta:creation-date>2024-03-01T10:00:00</meta:creation-date>"
            '<meta:printed-by>Igor Somov</meta:printed-by><meta:template xlink:type="simple" xlink:href="file:///home/'
            'igor.somov/report.ott" xlink:title="Igor Somov"/><meta:user-defined meta:name="Callsign">Igor Somov'
            "</meta:user-defined></office:meta></office:document-meta>"
        ),
        "settings.xml": xml(
            f'<office:document-settings {ODF_XMLNS} office:version="1.3"><office:settings><config:config-item-set '
            'config:name="ooo:view-settings"><config:config-item config:name="ViewAreaTop" config:type="long">0'
            '</config:config-item></config:config-item-set><config:config-item-set config:name="ooo:configuration-'
            'settings"><config:config-item config:name="PrinterName" config:type="string">HP LaserJet of Igor Somov'
            '</config:config-item><config:config-item config:name="PrinterSetup" config:type="base64Binary">'
            'SWdvciBTb21vdg==</config:config-item><config:config-item config:name="Rsid" config:type="int">1234567'
            '</config:config-item><config:config-item config:name="AddParaTableSpacing" config:type="boolean">true'
            "</config:config-item></config:config-item-set></office:settings></office:document-settings>"
        ),
        "Pictures/photo.jpg": picture(tmp_path),
        "Thumbnails/thumbnail.png": thumbnail.getvalue(),
        "Configurations2/accelerator/current.xml": b"",
        **(extra_parts or {}),
    }


def write(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else None)
    return path


KINDS = {
    "docx": (docx, f"{OOXML}.wordprocessingml.document"),
    "xlsx": (xlsx, f"{OOXML}.spreadsheetml.sheet"),
    "pptx": (pptx, f"{OOXML}.presentationml.presentation"),
    "odt": (lambda tmp: odf(tmp, "text"), f"{ODF}.text"),
    "ods": (lambda tmp: odf(tmp, "spreadsheet"), f"{ODF}.spreadsheet"),
    "odp": (lambda tmp: odf(tmp, "presentation"), f"{ODF}.presentation"),
}


# --- judging the output ---------------------------------------------------------------------------


def identifying(path: Path) -> list[str]:
    return identifying_tags(exiftool(path))


def identifying_tags(tags: dict) -> list[str]:
    if "Archive::Zip" in str(tags.get("ExifTool:Warning")):
        pytest.fail(
            "exiftool cannot read office documents without Archive::Zip: `apt-get install libarchive-zip-perl`."
        )
    ignored = ("File:", "ExifTool:", "Composite:", "SourceFile", "ZIP:")
    return [
        key
        for key, value in tags.items()
        if not key.startswith(ignored) and (any(word in key for word in WORDS) or SECRET.search(str(value).encode()))
    ]


def exiftool_all(paths: list[Path]) -> dict[str, dict]:
    exiftool(paths[0])  # fails with instructions when exiftool is missing
    result = subprocess.run(["exiftool", "-json", "-G", "-a", *map(str, paths)], capture_output=True, text=True)
    return {entry["SourceFile"]: entry for entry in json.loads(result.stdout)}


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def visible_text(parts: dict[str, bytes]) -> str:
    texts = []
    for name in ("word/document.xml", "content.xml", "xl/worksheets/sheet1.xml", "ppt/slides/slide1.xml"):
        if name in parts:
            texts.append("".join(etree.fromstring(parts[name]).itertext()))
    return " ".join(texts)


def clean(tmp_path: Path, parts: dict[str, bytes], name: str = "in"):
    source, target = write(tmp_path / f"{name}.zip", parts), tmp_path / f"{name}-clean"
    started = time.monotonic()
    report = sandbox.run("clean", source, target)
    return report, target, time.monotonic() - started


# --- what is removed ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_nothing_that_names_the_author_survives_and_the_text_stays(tmp_path, kind):
    make, mime = KINDS[kind]
    parts = make(tmp_path)
    source = write(tmp_path / f"in.{kind}", parts)
    assert identifying(source), "the test document should carry metadata before cleaning"
    report = sandbox.run("clean", source, tmp_path / f"out.{kind}")
    assert report.refused is None, report.reason
    assert report.output_type == mime
    assert identifying(tmp_path / f"out.{kind}") == []
    cleaned = members(tmp_path / f"out.{kind}")
    leaks = [name for name, data in cleaned.items() if SECRET.search(data)]
    assert leaks == [], leaks  # comment and revision authors, template paths, printer names, file names
    assert not any(
        re.search(rb"w:author|w:rsid|w:initials|dc:creator|officeooo:rsid", data) for data in cleaned.values()
    )
    assert not any(name.startswith(("docProps/thumbnail", "Thumbnails/", "Configurations2/")) for name in cleaned)
    assert KEPT in re.sub(r"\s+", " ", visible_text(cleaned))
    assert DELETED not in visible_text(cleaned)


@pytest.mark.parametrize("kind", KINDS)
def test_the_embedded_photo_is_kept_and_exiftool_finds_nothing_in_it(tmp_path, kind):
    make, _ = KINDS[kind]
    report, target, _ = clean(tmp_path, make(tmp_path))
    assert report.refused is None, report.reason
    photos = {name: data for name, data in members(target).items() if name.endswith((".jpeg", ".jpg"))}
    assert len(photos) == 1, photos.keys()
    extracted = tmp_path / "extracted.jpg"
    extracted.write_bytes(next(iter(photos.values())))
    assert identifying(extracted) == []
    assert Image.open(extracted).size == (32, 64)  # still the picture (turned by its orientation tag)


def test_a_docx_is_a_valid_package_without_the_removed_parts_or_their_references(tmp_path):
    report, target, _ = clean(tmp_path, docx(tmp_path))
    parts = members(target)
    assert {"word/comments.xml", "word/people.xml", "docProps/custom.xml", "docProps/thumbnail.jpeg"}.isdisjoint(parts)
    assert "docProps/core.xml" in parts and b"creator" not in parts["docProps/core.xml"]
    types = etree.fromstring(parts["[Content_Types].xml"])
    assert all(entry.get("PartName")[1:] in parts for entry in types if entry.get("PartName"))
    for name in (name for name in parts if name.endswith(".rels")):
        folder = posixpath.dirname(posixpath.dirname(name))
        for rel in etree.fromstring(parts[name]):
            if rel.get("TargetMode") != "External":
                assert posixpath.normpath(posixpath.join(folder, rel.get("Target"))) in parts, (name, rel.get("Target"))
    document = etree.fromstring(parts["word/document.xml"])
    assert document.find(".//w:commentReference", NS) is None and document.find(".//w:fldSimple", NS) is None
    assert document.find(".//w:ins", NS) is None and document.find(".//w:del", NS) is None
    assert document.find(".//a:blip", NS) is not None  # the picture is still in the text
    removed = {item.tag: item.value for item in report.metadata if item.group == "Removed"}
    assert removed["tracked changes accepted"] == "3" and "thumbnail" in removed and "comments" in removed


def test_an_odf_keeps_its_mimetype_first_and_stored_and_its_manifest_matches(tmp_path):
    report, target, _ = clean(tmp_path, odf(tmp_path, "text"))
    with zipfile.ZipFile(target) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type, archive.read(first)) == (
            "mimetype",
            zipfile.ZIP_STORED,
            f"{ODF}.text".encode(),
        )
        names = set(archive.namelist())
        manifest = etree.fromstring(archive.read("META-INF/manifest.xml"))
        content = etree.fromstring(archive.read("content.xml"))
        settings = archive.read("settings.xml")
    listed = {entry.get(f"{{{manifest.nsmap['manifest']}}}full-path") for entry in manifest}
    assert listed - {"/"} == names - {"mimetype", "META-INF/manifest.xml"}
    assert content.find(".//office:annotation", NS) is None and content.find(".//text:tracked-changes", NS) is None
    paragraphs = ["".join(p.itertext()) for p in content.iterfind(".//text:p", NS)]
    assert paragraphs[:2] == [KEPT, "Written by ."]  # the text after a removed comment or field stays in place
    assert b"Printer" not in settings and b"Rsid" not in settings and b"AddParaTableSpacing" in settings


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_zip_members_carry_no_dates_extras_or_attributes(tmp_path, kind):
    _, target, _ = clean(tmp_path, KINDS[kind][0](tmp_path))
    with zipfile.ZipFile(target) as archive:
        infos = archive.infolist()
        assert archive.comment == b""
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) and info.extra == b"" and info.comment == b"" for info in infos)
    assert {(info.create_system, info.external_attr) for info in infos} == {(3, office.FILE_MODE)}
    names = [info.filename for info in infos]
    assert names[0] in ("mimetype", "[Content_Types].xml") and names[1:] == sorted(names[1:])


@pytest.mark.parametrize("kind, author_tag", [("docx", "creator"), ("odt", "initial-creator")])
def test_inspect_lists_the_author_the_comments_and_the_photo_location(tmp_path, kind, author_tag):
    source = write(tmp_path / f"in.{kind}", KINDS[kind][0](tmp_path))
    report = sandbox.run("inspect", source)
    assert report.refused is None, report.reason
    found = {(item.group, item.tag, item.value) for item in report.metadata}
    assert ("Document", author_tag, "Igor Somov") in found
    assert ("Comments", "Author", "Igor Somov") in found
    assert ("Revisions", "Author", "Igor Somov") in found
    assert any(group == "Embedded" and "GPS" in tag for group, tag, _ in found), found


# --- what is refused ---------------------------------------------------------------------------------


def zeros_member(tmp_path: Path, megabytes: int) -> Path:
    """A docx whose document is megabytes of zeros (a thousandth of it compressed), written in chunks."""
    path = write(tmp_path / "bomb.zip", {k: v for k, v in docx(tmp_path).items() if k != "word/document.xml"})
    with zipfile.ZipFile(path, "a", compresslevel=1) as archive:
        member = zipfile.ZipInfo("word/document.xml")
        member.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(member, "w") as stream:
            zeros = bytes(1024**2)
            for _ in range(megabytes):
                stream.write(zeros)
    return path


def laughs() -> bytes:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    return doctyped(f'<!DOCTYPE w:document [<!ENTITY l0 "lol">{entities}]>', "&l9;")


def doctyped(doctype: str, text: str) -> bytes:
    body = f"<w:document {XMLNS}><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    return f'<?xml version="1.0"?>{doctype}{body}'.encode()


EXTERNAL_ENTITY = doctyped('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "&e;")
ENCRYPTED = (
    '<manifest:file-entry manifest:full-path="secret.xml" manifest:media-type="text/xml"><manifest:encryption-data '
    'manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"/></manifest:file-entry>'
)
MACRO = '<manifest:file-entry manifest:full-path="Basic/Standard/Module1.xml" manifest:media-type="text/xml"/>'
LINKED = ODF_BODIES["text"].replace('"Pictures/photo.jpg"', '"file:///home/igor/photo.jpg"')
EMF = b"\x01\x00\x00\x00" + b"\x00" * 36 + b" EMF" + b"\x00" * 64


def hostile(tmp_path: Path, case: str) -> dict[str, bytes]:
    return {
        "billion laughs": lambda: {**docx(tmp_path), "word/document.xml": laughs()},
        "external entity": lambda: {**docx(tmp_path), "word/document.xml": EXTERNAL_ENTITY},
        "parent path": lambda: {**docx(tmp_path), "../../evil.xml": b"<x/>"},
        "absolute path": lambda: {**docx(tmp_path), "/etc/evil.xml": b"<x/>"},
        "broken XML": lambda: {**docx(tmp_path), "word/document.xml": b"<w:document><w:body>"},
        "macro": lambda: docx(
            tmp_path,
            [("rId9", "vbaProject", "vbaProject.bin")],
            {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 60},
        ),
        "ole object": lambda: docx(
            tmp_path,
            [("rId9", "oleObject", "embeddings/oleObject1.bin")],
            {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 60},
        ),
        "emf image": lambda: docx(tmp_path, [("rId9", "image", "media/image9.emf")], {"word/media/image9.emf": EMF}),
        "linked picture": lambda: docx(tmp_path, [("rId9", "image", "file:///C:/Users/igor/photo.jpg", True)]),
        "link into the author's computer": lambda: docx(
            tmp_path, [("rId9", "hyperlink", "file:///C:/Users/igor/приказ.docx", True)]
        ),
        "odf link into a network share": lambda: {
            **odf(tmp_path, "text"),
            "content.xml": odf(tmp_path, "text")["content.xml"].replace(
                b"</office:text>", b'<text:p><text:a xlink:href="\\\\srv\\igor">x</text:a></text:p></office:text>'
            ),
        },
        "encrypted odf": lambda: odf(tmp_path, "text", ENCRYPTED, {"secret.xml": b"\x8a\x11 encrypted bytes"}),
        "odf macro": lambda: odf(tmp_path, "text", MACRO, {"Basic/Standard/Module1.xml": xml("<script:module/>")}),
        "odf linked picture": lambda: {
            **odf(tmp_path, "text"),
            "content.xml": odf(tmp_path, "text")["content.xml"].replace(ODF_BODIES["text"].encode(), LINKED.encode()),
        },
        "no manifest": lambda: {k: v for k, v in odf(tmp_path, "text").items() if k != "META-INF/manifest.xml"},
    }[case]()


@pytest.mark.parametrize(
    "case, code",
    [
        ("billion laughs", "corrupt"),
        ("external entity", "corrupt"),
        ("parent path", "corrupt"),
        ("absolute path", "corrupt"),
        ("broken XML", "corrupt"),
        ("macro", "embedded_unsupported"),
        ("ole object", "embedded_unsupported"),
        ("emf image", "embedded_unsupported"),
        ("linked picture", "linked_content"),
        ("link into the author's computer", "linked_content"),
        ("odf link into a network share", "linked_content"),
        ("encrypted odf", "encrypted"),
        ("odf macro", "embedded_unsupported"),
        ("odf linked picture", "linked_content"),
        ("no manifest", "corrupt"),
    ],
)
def test_hostile_or_uncleanable_documents_are_refused_quickly(tmp_path, case, code):
    report, target, seconds = clean(tmp_path, hostile(tmp_path, case))
    assert report.refused == code
    assert not target.exists()
    assert seconds < 10


@pytest.mark.parametrize("megabytes", [1024, 50])  # declared beyond the total; within it, caught by its ratio
def test_a_zip_bomb_is_refused_as_too_large_within_seconds(tmp_path, megabytes):
    source = zeros_member(tmp_path, megabytes)
    assert source.stat().st_size < 10 * 1024**2
    started = time.monotonic()
    report = sandbox.run("clean", source, tmp_path / "out")
    assert report.refused == "too_large"
    assert time.monotonic() - started < 10


def test_a_member_larger_than_it_declares_is_refused_not_truncated(tmp_path):
    path = write(tmp_path / "lying.zip", {"word/document.xml": Image.effect_noise((64, 64), 90).tobytes()})
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # the uncompressed size, both headers
        at = data.index(signature) + offset
        data[at : at + 4] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(Refused) as refusal:
        office.read_members(path)
    assert refusal.value.code == "corrupt"


def test_the_total_inflated_size_is_capped(tmp_path, monkeypatch):
    path = write(tmp_path / "noise.zip", {f"m/{i}": Image.effect_noise((64, 64), 90).tobytes() for i in range(4)})
    assert len(office.read_members(path)) == 4
    monkeypatch.setattr(office, "MAX_TOTAL", 3 * 64 * 64 + 10)
    with pytest.raises(Refused) as refusal:
        office.read_members(path)
    assert refusal.value.code == "too_large"


def test_too_many_members_is_refused_before_inflating(tmp_path):
    path = write(tmp_path / "many.zip", {f"m/{i}": b"" for i in range(office.MAX_MEMBERS + 1)})
    with pytest.raises(Refused) as refusal:
        office.read_members(path)
    assert refusal.value.code == "too_large"


# --- the shared data ---------------------------------------------------------------------------------


def test_every_shared_office_file_is_cleaned_or_refused_and_nothing_identifying_remains(tmp_path):
    suffixes = (".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp")
    folders = [shared_data("mat2-testdata"), shared_data("exiftool-t-images")]
    paths = sorted(path for folder in folders for path in folder.rglob("*") if path.suffix.lower() in suffixes)
    assert paths, "the shared data holds office documents"

    def one(indexed):
        index, path = indexed
        return path, sandbox.run("clean", path, tmp_path / f"{index}{path.suffix}"), tmp_path / f"{index}{path.suffix}"

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(one, enumerate(paths)))
    outcomes = {path.name: report.refused or "cleaned" for path, report, _ in results}
    assert not {"crash", "limit"} & set(outcomes.values()), outcomes
    assert set(outcomes.values()) - {"cleaned"} <= set(REFUSALS), outcomes
    cleaned = [(path, target) for path, report, target in results if report.refused is None]
    tags = exiftool_all([path for pair in cleaned for path in pair])
    for path, target in cleaned:
        assert identifying_tags(tags[str(target)]) == [], path.name
        before = [str(tags[str(path)][key]) for key in identifying_tags(tags[str(path)])]
        output = b"".join(members(target).values())
        # Shorter values (a first name signing a letter, a template called Normal) are also text or styles.
        assert [value for value in before if len(value) >= 8 and value.encode() in output] == [], path.name
    assert len(cleaned) >= 0.7 * len(outcomes), outcomes

"""Rendering cleaned files in the sandbox: boxes burned black where they are and nowhere else,
previews that outline boxes and faces, documents published as page pictures with their faces
hidden, video boxes only in their interval, the sound chosen, hostile instructions refused, and
no metadata in anything published (exiftool judges)."""

import json
import math
import shutil
import subprocess
import zipfile
from pathlib import Path

import av
import numpy as np
import pytest
from django.core.management import CommandError, call_command
from PIL import Image, ImageDraw

from farewell.anonymize.media import audiovisual, boxes, faces, render, sandbox, sheets
from farewell.anonymize.media.report import NO_PARTS, REFUSALS
from farewell.anonymize.media.tests.test_audiovisual import MARKERS, ffmpeg, ffprobe, leaks, tags_left
from farewell.testing.faces import annotated
from farewell.testing.media import exiftool, identifying, paged_odt, photo_with_metadata, shared_data

MAGENTA, CYAN = np.array(boxes.BOX_MARK), np.array(boxes.FACE_MARK)
PUBLISHED_GROUPS = ("EXIF:", "XMP:", "IPTC:", "ICC_Profile:", "Photoshop:", "MakerNotes:", "PDF:")


def box(x, y, w, h, page=None, start=None, end=None) -> dict:
    return {"page": page, "x": x, "y": y, "w": w, "h": h, "start": start, "end": end}


def rendered(source: Path, tmp_path: Path, purpose="publish", boxes_=(), sound="none", **extra):
    """The report and the output directory of a render in the sandbox."""
    out = tmp_path / f"out-{purpose}-{sound}-{len(list(tmp_path.iterdir()))}"
    out.mkdir()
    params = {"purpose": purpose, "boxes": list(boxes_), "sound": sound, "treatment": None, **extra}
    report = sandbox.render(source, out, params)
    return report, out


def rgb(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.int16)


def gradient(size=(320, 200)) -> Image.Image:
    """A picture with no black in it, different everywhere."""
    width, height = size
    x, y = np.meshgrid(np.arange(width), np.arange(height))
    pixels = np.stack([60 + x * 180 // width, 60 + y * 180 // height, np.full_like(x, 150)], axis=-1)
    return Image.fromarray(pixels.astype(np.uint8))


def near(pixels: np.ndarray, colour: np.ndarray, tolerance: int = 40) -> np.ndarray:
    return np.abs(pixels - colour).sum(axis=-1) < tolerance


def cleaned(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / f"cleaned-{source.name}"
    report = sandbox.run("clean", source, target)
    assert report.refused is None, report.refused
    return target


# --- images -------------------------------------------------------------------------------------


def test_a_box_burned_into_a_jpeg_blackens_that_region_and_leaves_the_rest(tmp_path):
    source = tmp_path / "photo.jpg"
    gradient().save(source, quality=95)
    report, out = rendered(source, tmp_path, boxes_=[box(0.25, 0.25, 0.5, 0.25)])
    assert report.refused is None
    assert report.parts == [{"name": "part-001.jpg", "type": "image/jpeg", "page": None, "faces": 0, "boxes": 1}]
    assert Image.open(out / "part-001.jpg").format == "JPEG"
    before, after = rgb(source), rgb(out / "part-001.jpg")
    assert after.shape == before.shape
    assert after[52:98, 82:238].max() < 12  # inside: black (up to JPEG ringing at the very edge)
    outside = np.ones(before.shape[:2], bool)
    outside[44:106, 74:246] = False
    assert np.abs(after - before)[outside].mean() < 3  # the rest is the picture, re-encoded once


def test_other_images_are_published_as_png_exactly_outside_the_boxes(tmp_path):
    source = tmp_path / "noise.webp"
    noise = np.random.default_rng(1).integers(30, 255, (120, 160, 3), dtype=np.uint8)
    Image.fromarray(noise).save(source, lossless=True)
    report, out = rendered(source, tmp_path, boxes_=[box(0.5, 0.0, 0.5, 0.5)])
    assert [part["type"] for part in report.parts] == ["image/png"]
    after = rgb(out / "part-001.png")
    assert after[:60, 80:].max() == 0
    assert np.array_equal(after[60:], noise[60:]) and np.array_equal(after[:, :80], noise[:, :80])


def test_the_preview_is_small_and_outlines_the_boxes_and_the_hidden_faces(tmp_path):
    source = tmp_path / "large.png"
    gradient((2400, 1200)).save(source)
    face = [0.6, 0.5, 0.2, 0.3]
    report, out = rendered(source, tmp_path, "preview", [box(0.1, 0.1, 0.2, 0.3)], faces=[face])
    assert report.parts == [{"name": "part-001.png", "type": "image/png", "page": None, "faces": 1, "boxes": 1}]
    assert report.params["faces"] == [face] and report.params["boxes"][0]["x"] == 0.1
    preview = rgb(out / "part-001.png")
    assert preview.shape[:2] == (800, 1600)
    assert preview[120:300, 200:460].max() == 0  # burned (its number is drawn at the top left)
    assert near(preview[80:83, 200:460], MAGENTA).mean() > 0.9  # its top edge, outlined
    assert near(preview[400:640, 960:963], CYAN).mean() > 0.9  # the face's left edge
    assert near(preview, MAGENTA).mean() < 0.02 and near(preview, CYAN).mean() < 0.02  # outlines only


def test_cleaning_records_where_the_faces_were_and_the_preview_outlines_them_there(tmp_path):
    dlib = shared_data("dlib-faces")
    name = "2008_002506.jpg"
    target = tmp_path / "cleaned.jpg"
    report = sandbox.run("clean", dlib / name, target)
    assert report.faces == 3 and len(report.regions) == 3
    width, height = Image.open(target).size
    for left, top, right, bottom in annotated(dlib)[name]:  # every annotated face is inside a region
        cx, cy = (left + right) / 2 / width, (top + bottom) / 2 / height
        assert any(x <= cx <= x + w and y <= cy <= y + h for x, y, w, h in report.regions)
    assert faces.find(np.asarray(Image.open(target).convert("RGB"))) == []  # why the render cannot look again
    rendering, out = rendered(target, tmp_path, "preview", faces=report.regions)
    assert rendering.parts[0]["faces"] == 3
    preview = rgb(out / "part-001.png")
    for x, y, _w, h in report.regions:
        left, top = round(x * preview.shape[1]), round(y * preview.shape[0])
        bottom = round((y + h) * preview.shape[0])
        assert near(preview[top + 2 : bottom - 2, left : left + 2], CYAN).mean() > 0.8


# --- documents ----------------------------------------------------------------------------------


def face_photo() -> Image.Image:
    return Image.open(shared_data("dlib-faces") / "2008_002506.jpg").convert("RGB")


def test_a_pdf_is_published_as_page_pictures_with_faces_hidden_and_boxes_burned(tmp_path):
    photo = face_photo()
    with_face = Image.new("RGB", (400, 560), "white")  # pages of 4 × 5.6 in at 100 dpi
    with_face.paste(photo.resize((240, 180)), (50, 40))
    text = Image.new("RGB", (400, 560), "white")
    ImageDraw.Draw(text).text((40, 150), "Order 1234, signed", fill="black")
    scan = photo.resize((400, 560))
    source = tmp_path / "document.pdf"
    with_face.save(source, save_all=True, append_images=[text, scan], resolution=100)
    everywhere, on_two = box(0.9, 0.9, 0.1, 0.1), box(0.05, 0.5, 0.9, 0.1, page=2)

    report, out = rendered(source, tmp_path, boxes_=[everywhere, on_two])
    assert report.refused is None
    assert [(p["name"], p["page"], p["boxes"]) for p in report.parts] == [
        ("part-001.png", 1, 1),
        ("part-002.png", 2, 2),
        ("part-003.jpg", 3, 1),  # photographic: a scan is published as JPEG
    ]
    assert report.parts[0]["faces"] >= 2 and report.parts[1]["faces"] == 0
    pages = [rgb(out / part["name"]) for part in report.parts]
    assert pages[0].shape[1] == 600 and pages[0].shape[0] in (840, 841)  # 150 dpi
    for page in pages:
        assert faces.find(page.astype(np.uint8)) == []
        assert page[760:, 542:].max() < 12  # the box on every page
    assert pages[1][422:500, 32:568].max() == 0 and pages[0][422:500, 32:568].min() > 200  # page 2 only
    assert pages[1][200:300].min() < 100  # the text is drawn, outside the box

    preview, out = rendered(source, tmp_path, "preview", [everywhere, on_two])
    assert [(p["type"], p["page"]) for p in preview.parts] == [
        ("image/png", 1),
        ("image/png", 2),
        ("image/png", 3),
        ("application/json", None),  # what the text review found on the pages (test_page_text.py)
    ]
    assert isinstance(json.loads((out / "part-004.json").read_text()), list)
    preview.parts = preview.parts[:3]
    first = rgb(out / "part-001.png")
    assert first.shape[1] == 400 and first.shape[0] in (560, 561)  # ~100 dpi
    assert near(first, CYAN).any() and near(first, MAGENTA).any()
    assert [p["faces"] for p in preview.parts] == [p["faces"] for p in report.parts]  # the very pages published


def test_a_box_on_a_page_the_document_does_not_have_is_refused(tmp_path):
    source = tmp_path / "two.pdf"
    Image.new("RGB", (200, 200), "white").save(source, save_all=True, append_images=[Image.new("RGB", (200, 200))])
    report, out = rendered(source, tmp_path, boxes_=[box(0.1, 0.1, 0.1, 0.1, page=3)])
    assert report.refused == "box_page_out_of_range" and report.parts == [] and list(out.iterdir()) == []


def odt(path: Path, first: str, second: str) -> Path:
    """Two pages of text: the second paragraph starts a page."""
    return paged_odt(path, [first, second])


def docx(path: Path, first: str, second: str) -> Path:
    """Two pages of text: a page break before the second paragraph."""
    main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
        '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{main}"><w:body><w:p><w:r><w:t>{first}</w:t>'
        f'</w:r></w:p><w:p><w:r><w:br w:type="page"/><w:t>{second}</w:t></w:r></w:p></w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return path


@pytest.mark.parametrize("make", [odt, docx], ids=["odt", "docx"])
def test_an_office_document_is_laid_out_by_libreoffice_in_the_sandbox_and_published_as_pages(tmp_path, make):
    if not shutil.which("soffice"):
        pytest.fail(
            "LibreOffice is not installed: run `make test` as root, or `apt-get install libreoffice-writer-nogui`."
        )
    source = cleaned(make(tmp_path / f"order.{make.__name__}", "Order 1234 of unit 5678", "Signed: Somov"), tmp_path)
    report, out = rendered(source, tmp_path, boxes_=[box(0.0, 0.0, 1.0, 0.25, page=1)])
    assert report.refused is None, report.reason
    assert [(p["type"], p["page"], p["boxes"]) for p in report.parts] == [("image/png", 1, 1), ("image/png", 2, 0)]
    first, second = rgb(out / "part-001.png"), rgb(out / "part-002.png")
    assert first.shape[1] in (1240, 1241, 1275)  # A4 or Letter at 150 dpi
    height = first.shape[0]
    assert first[: height // 4 - 1].max() == 0  # the first line, under the box
    assert first[height // 4 + 1 :].min() > 200  # nothing else on page 1
    assert second[: height // 4].min() < 100  # page 2's text, laid out by LibreOffice and not covered


# --- video and sound ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    """A cleaned 3 s video at 10 fps, uniformly blue, with a tone."""
    folder = tmp_path_factory.mktemp("clip")
    source = folder / "clip.mp4"
    ffmpeg(
        *("-f", "lavfi", "-i", "color=c=0x3080ff:s=320x240:r=10:d=3"),
        *("-f", "lavfi", "-i", "sine=frequency=440:duration=3"),
        *("-pix_fmt", "yuv420p", "-c:v", "libx264", "-c:a", "aac", "-shortest", "-metadata", "artist=Igor Somov"),
        str(source),
    )
    return cleaned(source, folder)


def frames(path: Path) -> list[tuple[float, np.ndarray]]:
    with av.open(str(path)) as container:
        return [(frame.time, frame.to_ndarray(format="gray")) for frame in container.decode(video=0)]


def test_a_box_from_1_to_2_seconds_blackens_the_video_there_and_then_only(clip, tmp_path):
    report, out = rendered(clip, tmp_path, boxes_=[box(0.25, 0.25, 0.5, 0.5, start=1.0, end=2.0)], sound="keep")
    assert report.parts == [{"name": "part-001.mp4", "type": "video/mp4", "page": None, "faces": 0, "boxes": 1}]
    decoded = frames(out / "part-001.mp4")
    assert len(decoded) == 30
    for seconds, gray in decoded:
        inside, around = gray[64:176, 84:236], gray[:56]
        assert around.mean() > 100  # never outside the box
        if 1.05 <= seconds <= 1.95:
            assert inside.max() < 20, seconds
        elif seconds < 0.95 or seconds > 2.05:
            assert inside.mean() > 100, seconds
    with av.open(str(out / "part-001.mp4")) as container:
        assert [stream.type for stream in container.streams] == ["video", "audio"]  # sound kept


def test_sound_none_publishes_a_video_without_any_audio_stream(clip, tmp_path):
    silent, out = rendered(clip, tmp_path, sound="none")
    with av.open(str(out / "part-001.mp4")) as container:
        assert len(container.streams.audio) == 0 and len(container.streams.video) == 1
    audio_tags = [key for key in exiftool(out / "part-001.mp4") if "Audio" in key]
    assert audio_tags == []
    kept, out_kept = rendered(clip, tmp_path, sound="keep")  # the judge does see sound when there is some
    assert [key for key in exiftool(out_kept / "part-001.mp4") if "Audio" in key]


def test_the_video_preview_is_a_contact_sheet_with_the_box_on_the_frames_of_its_interval(clip, tmp_path):
    report, out = rendered(clip, tmp_path, "preview", [box(0.25, 0.25, 0.5, 0.5, start=1.0, end=2.0)], sound="keep")
    assert [(p["type"], p["boxes"]) for p in report.parts] == [("image/png", 1), ("audio/mp4", 0)]
    sheet = rgb(out / "part-001.png")
    cell_w, cell_h = 320 + sheets.GAP, 240 + 24 + sheets.GAP
    assert sheet.shape[:2] == (3 * cell_h + sheets.GAP, 3 * cell_w + sheets.GAP)
    for index in range(9):  # frames at 0.2, 0.5, 0.9 | 1.1, 1.5, 1.9 | 2.2, 2.5, 2.9 s
        row, column = divmod(index, 3)
        centre = sheet[sheets.GAP + row * cell_h + 120, sheets.GAP + column * cell_w + 160]
        assert (centre.max() == 0) == (row == 1), index
    assert near(sheet, MAGENTA).any()
    with av.open(str(out / "part-002.m4a")) as container:  # what reviewers hear: the sound chosen
        assert [stream.type for stream in container.streams] == ["audio"]


@pytest.fixture(scope="module")
def recording(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("recording")
    source = folder / "voice.m4a"
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=220:duration=2", "-metadata", "artist=Igor Somov", str(source))
    return cleaned(source, folder)


@pytest.mark.parametrize(
    "purpose, sound, types, no_parts",
    [
        ("publish", "none", [], "no_sound"),
        ("publish", "keep", ["audio/mp4"], None),
        ("preview", "none", ["image/png"], None),
        ("preview", "keep", ["image/png", "audio/mp4"], None),
    ],
)
def test_a_recording_is_published_only_with_its_sound_and_previewed_as_a_waveform(
    recording, tmp_path, purpose, sound, types, no_parts
):
    report, out = rendered(recording, tmp_path, purpose, sound=sound)
    assert report.refused is None
    assert [part["type"] for part in report.parts] == types and report.no_parts == no_parts
    if sound == "keep":  # the cleaned file is already what is heard
        assert (out / report.parts[-1]["name"]).read_bytes() == recording.read_bytes()
    if purpose == "preview":
        waveform = rgb(out / "part-001.png")
        assert waveform.shape[:2] == sheets.WAVE_SIZE[::-1] and near(waveform, np.array([30, 60, 140])).mean() > 0.5


def alteration_available() -> None:
    if not hasattr(audiovisual, "AlteredSound"):
        pytest.skip("the cleaner's voice alteration (audiovisual.AlteredSound) is not there yet")


def test_an_altered_voice_is_published_in_the_recordings_own_type(recording, tmp_path):
    alteration_available()
    treatment = {"method": "mcadams", "alpha": 0.8}
    report, out = rendered(recording, tmp_path, sound="alter", treatment=treatment)
    assert report.refused is None, report.reason
    assert [part["type"] for part in report.parts] == ["audio/mp4"]
    assert report.params["treatment"] == {"method": "mcadams"}  # its values are not echoed: they help undo it
    with av.open(str(out / "part-001.m4a")) as container:
        stream = container.streams.audio[0]
        assert stream.codec_context.sample_rate == 16_000 and stream.codec_context.channels == 1
        assert float(container.duration / av.time_base) == pytest.approx(2.0, abs=0.2)
    assert (out / "part-001.m4a").read_bytes() != recording.read_bytes()
    missing, _out = rendered(recording, tmp_path, sound="alter")  # no treatment: never made up here
    assert missing.refused == "bad_params"


def test_a_video_is_published_with_the_altered_voice(clip, tmp_path):
    alteration_available()
    report, out = rendered(clip, tmp_path, sound="alter", treatment={"method": "mcadams", "alpha": 0.8})
    assert report.refused is None, report.reason
    with av.open(str(out / "part-001.mp4")) as container:
        assert [stream.type for stream in container.streams] == ["video", "audio"]
        assert container.streams.audio[0].codec_context.channels == 1


def test_plain_text_renders_nothing_and_says_why(tmp_path):
    source = tmp_path / "note.txt"
    source.write_text("Written by Igor Somov, unit 5678\n")
    for purpose in ("preview", "publish"):
        report, out = rendered(source, tmp_path, purpose)
        assert report.refused is None and report.parts == [] and report.no_parts == "text"
        assert "text review" in NO_PARTS[report.no_parts] and list(out.iterdir()) == []


# --- hostile instructions -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_png(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("png") / "small.png"
    gradient((100, 50)).save(path)
    return path


GOOD = box(0.1, 0.1, 0.2, 0.2)


@pytest.mark.parametrize(
    "params, code",
    [
        ({"boxes": [GOOD] * 201}, "too_many_boxes"),
        ({"boxes": [{**GOOD, "x": math.nan}]}, "bad_box"),
        ({"boxes": [{**GOOD, "h": math.inf}]}, "bad_box"),
        ({"boxes": [{**GOOD, "y": "0.1"}]}, "bad_box"),
        ({"boxes": [{**GOOD, "w": None}]}, "bad_box"),
        ({"boxes": [{**GOOD, "w": -0.2}]}, "bad_box"),
        ({"boxes": [{**GOOD, "x": 1.5}]}, "bad_box"),  # entirely outside the picture
        ({"boxes": [{**GOOD, "x": -0.5, "w": 0.3}]}, "bad_box"),
        ({"boxes": [{**GOOD, "start": 2.0, "end": 1.0}]}, "bad_box"),
        ({"boxes": [{**GOOD, "start": math.nan}]}, "bad_box"),
        ({"boxes": [{**GOOD, "page": True}]}, "bad_box"),
        ({"boxes": [{**GOOD, "page": 1.5}]}, "bad_box"),
        ({"boxes": [{**GOOD, "page": 0}]}, "box_page_out_of_range"),
        ({"boxes": [{**GOOD, "page": 2}]}, "box_page_out_of_range"),  # an image has one page
        ({"boxes": ["0,0,1,1"]}, "bad_box"),
        ({"boxes": {"x": 0}}, "bad_params"),
        ({"purpose": "print"}, "bad_params"),
        ({"sound": "loud"}, "bad_params"),
        ({"treatment": "mcadams"}, "bad_params"),
        ({"faces": [[0.1, 0.2, 0.3]]}, "bad_params"),
        ({"faces": [[0.1, 0.2, math.nan, 0.1]]}, "bad_params"),
    ],
)
def test_hostile_instructions_are_refused_with_a_code(small_png, tmp_path, params, code):
    report = render.render(small_png, tmp_path, {"purpose": "publish", **params})
    assert report.refused == code and code in REFUSALS
    assert report.parts == [] and list(tmp_path.iterdir()) == []


def test_boxes_partly_outside_the_picture_are_clamped_to_it(small_png, tmp_path):
    hostile = [box(-0.5, -1.0, 0.7, 1.2), box(0.9, 0.8, 5.0, 5.0, start=-3.0)]
    report, out = rendered(small_png, tmp_path, boxes_=hostile)
    assert report.refused is None
    assert [(b["x"], b["y"], b["w"], b["h"], b["start"]) for b in report.params["boxes"]] == [
        (0.0, 0.0, 0.2, 0.2, None),
        (0.9, 0.8, 0.1, 0.2, 0.0),
    ]
    picture = rgb(out / "part-001.png")
    assert picture[:10, :20].max() == 0 and picture[40:, 90:].max() == 0 and picture[20:40, 30:80].min() > 50


def test_hostile_instructions_through_the_sandbox_come_back_as_codes(small_png, tmp_path):
    # NaN crosses as JSON's NaN; the child refuses it, and the parent passes the code on.
    report, out = rendered(small_png, tmp_path, boxes_=[{**GOOD, "x": math.nan}])
    assert report.refused == "bad_box" and report.parts == [] and list(out.iterdir()) == []
    with sandbox.scratch(tmp_path) as work:
        shutil.copyfile(small_png, work.input)
        assert sandbox.run_render(work, ["not", "a", "dict"]).refused == "bad_params"


def test_the_parent_accepts_only_parts_named_and_typed_as_a_render_names_them(tmp_path):
    (tmp_path / "part-001.png").write_bytes(b"png")
    (tmp_path / "part-002.jpg").symlink_to("/etc/hostname")
    good = {"name": "part-001.png", "type": "image/png", "page": None, "faces": 0, "boxes": 0}
    assert sandbox.checked_parts(tmp_path, [good])
    for bad in (
        {**good, "name": "../part-001.png"},
        {**good, "name": "part-002.jpg", "type": "image/jpeg"},  # a link, out of the directory
        {**good, "type": "text/html"},
        {**good, "name": "part-003.png"},  # not written
        {**good, "faces": -1},
        {**good, "extra": 1},
    ):
        assert not sandbox.checked_parts(tmp_path, [bad]), bad
    assert not sandbox.checked_parts(tmp_path, [good, good])


# --- nothing of the metadata --------------------------------------------------------------------


def test_published_parts_carry_no_metadata(clip, tmp_path):
    photo = photo_with_metadata(tmp_path / "camera.jpg", size=(160, 120))
    assert identifying(photo), "the test photo should carry metadata"
    pdf = tmp_path / "scan.pdf"
    Image.open(photo).save(pdf, resolution=100, author="Igor Somov", title="Report by Igor Somov")
    assert identifying(pdf), "the test document should carry metadata"
    published = []
    for source, sound in ((photo, "none"), (pdf, "none"), (clip, "keep")):
        report, out = rendered(source, tmp_path, boxes_=[GOOD], sound=sound)
        assert report.refused is None, report.reason
        published += [out / part["name"] for part in report.parts]
    assert [path.suffix for path in published] == [".jpg", ".png", ".mp4"]
    for path in published:
        tags = exiftool(path)
        assert identifying(path) == [], path
        assert [key for key in tags if key.startswith(PUBLISHED_GROUPS)] == [], path
        assert b"Canon" not in path.read_bytes() and b"Igor" not in path.read_bytes()
    assert leaks(published[-1]) == [] and tags_left(ffprobe(published[-1])) == []
    assert [marker for marker in MARKERS if marker in published[-1].read_bytes()] == []


# --- the command --------------------------------------------------------------------------------


def test_the_render_command_writes_the_parts_and_explains_its_refusals(small_png, tmp_path):
    out, preview = tmp_path / "parts", tmp_path / "preview"
    call_command("render", "--box", "1:0.1,0.1,0.2,0.2", "--box", "*:0.5,0.5,0.1,0.1@1-", str(small_png), str(out))
    assert [path.name for path in out.iterdir()] == ["part-001.png"]
    published = rgb(out / "part-001.png")
    assert published[5:15, 10:30].max() == 0 and published[25:30, 50:60].max() == 0
    call_command("render", "--preview", str(small_png), str(preview))
    assert Image.open(preview / "part-001.png").format == "PNG"
    with pytest.raises(CommandError, match="box"):
        call_command("render", "--box", "0.1,0.1", str(small_png), str(tmp_path / "other"))
    with pytest.raises(CommandError, match="on a page the file does not have"):
        call_command("render", "--box", "2:0.1,0.1,0.2,0.2", str(small_png), str(tmp_path / "other"))
    with pytest.raises(CommandError, match="no such file"):
        call_command("render", str(tmp_path / "missing.png"), str(tmp_path / "other"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("render", str(small_png), str(out))


def test_a_program_that_hangs_is_stopped_at_its_time_limit_with_its_children(tmp_path):
    from farewell.anonymize.media import pages
    from farewell.anonymize.media.report import Refused

    marker = "4242.17"  # an unusual duration, to find the sleeps again
    command = ["/bin/sh", "-c", f"sleep {marker} & sleep {marker}"]
    with pytest.raises(Refused) as refusal:
        pages.run_limited(command, tmp_path, {"PATH": "/usr/bin:/bin"}, 0.5)
    assert refusal.value.code == "limit"
    assert subprocess.run(["pgrep", "-f", f"sleep {marker}"], capture_output=True).stdout == b""

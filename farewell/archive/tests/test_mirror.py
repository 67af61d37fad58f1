"""`farewell export-static`: a complete, relative, script-free, reproducible, incremental copy."""

import hashlib
import io
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from farewell.archive import mirror
from farewell.archive.models import PublishedFile, PublishedPart, Testimony
from farewell.archive.unpublish import unpublish
from farewell.demo.content import load_demo_testimonies

pytestmark = pytest.mark.django_db
LINK = re.compile(r'(?:href|src)="([^"]*)"')


@pytest.fixture
def archive(settings, tmp_path):
    settings.FAREWELL_PUBLIC_MEDIA_DIR = tmp_path / "public-media"
    settings.FAREWELL_PUBLIC_MEDIA_DIR.mkdir()
    settings.FAREWELL_CANONICAL_URL = "https://farewell.example/"
    load_demo_testimonies()
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "gray").save(picture, "PNG")
    (settings.FAREWELL_PUBLIC_MEDIA_DIR / "abc123.png").write_bytes(picture.getvalue())
    published = PublishedFile.objects.create(
        testimony=Testimony.objects.get(public_id="demo-en-2"), position=1, transcript="A map."
    )
    PublishedPart.objects.create(
        file=published,
        position=1,
        name="abc123.png",
        content_type="image/png",
        sha256=hashlib.sha256(picture.getvalue()).hexdigest(),
        size=len(picture.getvalue()),
    )


def export(target, *args):
    out = io.StringIO()
    call_command("export-static", str(target), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_mirror_is_complete_relative_and_script_free(archive, tmp_path):
    root = tmp_path / "mirror"
    export(root)
    files = tree(root)
    for public_id in ("demo-ru-1", "demo-en-2", "demo-fr-2"):
        for prefix in ("", "en/", "fr/"):
            assert f"{prefix}t/{public_id}/index.html" in files
    for name in ("index.html", "en/theme/exile/index.html", "fr/year/2026/index.html", "language/fr/index.html"):
        assert name in files, name
    for name in ("feeds/all.atom", "en/feeds/theme/exile.atom", "fr/feeds/language/ru.atom"):
        assert name in files, name
    assert "static/farewell/site.css" in files and "media/abc123.png" in files
    pages = {name: content.decode() for name, content in files.items() if name.endswith(".html")}
    for name, page in pages.items():
        assert "<script" not in page and "<form" not in page, name  # no JavaScript, search left out
        for link in LINK.findall(page):
            if link.startswith(("https://", "mailto:")):
                continue
            assert not link.startswith("/"), (name, link)  # relative only: file:// and any host
            target = (root / name).parent / unquote(link.split("#")[0])
            assert target.resolve().is_file(), (name, link)  # every link leads somewhere
    testimony = pages["en/t/demo-en-2/index.html"]
    assert 'src="../../../media/abc123.png"' in testimony
    assert 'href="https://farewell.example/submit/en/"' in pages["en/index.html"]  # the intake: on the site
    assert "https://farewell.example/" in pages["index.html"]  # where the site itself is


def test_the_same_archive_gives_the_same_bytes(archive, tmp_path):
    export(tmp_path / "one", "--zip")
    export(tmp_path / "two", "--zip")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def test_a_second_export_writes_only_what_changed_and_removes_a_withdrawn_testimony(archive, tmp_path):
    root = tmp_path / "mirror"
    export(root, "--zip")
    again = export(root)
    assert "(0 written," in again and " 0 removed)" in again
    unpublish(Testimony.objects.get(public_id="demo-en-2"))
    report = export(root, "--zip")
    assert " 0 removed)" not in report
    files = tree(root)
    assert not any("demo-en-2" in name for name in files)
    assert "media/abc123.png" not in files
    for name, content in files.items():
        assert b"demo-en-2" not in content and b"Crossing the border" not in content, name
    assert b"demo-en-2" not in (tmp_path / "mirror.zip").read_bytes()


def test_it_refuses_a_folder_that_is_not_a_mirror(archive, tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "me.jpg").write_bytes(b"x")
    with pytest.raises(CommandError, match="not empty and holds no mirror"):
        export(tmp_path / "photos")
    assert (tmp_path / "photos" / "me.jpg").read_bytes() == b"x"


def test_what_a_killed_export_wrote_leaves_with_the_next_one(archive, tmp_path, monkeypatch):
    root = tmp_path / "mirror"
    export(root)
    real = mirror.render

    def killed_after_the_withdrawn_page(path):
        content = real(path)
        if path == "/en/t/demo-en-2/":
            (root / "en/t/demo-en-2/index.html").write_bytes(content)
            (root / "en/t/demo-en-2/index.html.part").write_bytes(b"half")
            raise KeyboardInterrupt  # as a kill would: nothing after this runs
        return content

    monkeypatch.setattr(mirror, "render", killed_after_the_withdrawn_page)
    with pytest.raises(KeyboardInterrupt):
        export(root)
    monkeypatch.setattr(mirror, "render", real)
    unpublish(Testimony.objects.get(public_id="demo-en-2"))
    export(root)
    assert not any("demo-en-2" in name for name in tree(root))


def test_links_put_into_the_mirror_are_replaced_not_followed(archive, tmp_path):
    root = tmp_path / "mirror"
    export(root)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious").write_text("keep")
    shutil.rmtree(root / "en" / "t")
    (root / "en" / "t").symlink_to(outside, target_is_directory=True)
    (root / "feeds" / "all.atom").unlink()
    (root / "feeds" / "all.atom").symlink_to(outside / "precious")
    export(root)
    assert (outside / "precious").read_text() == "keep" and sorted(p.name for p in outside.iterdir()) == ["precious"]
    assert not (root / "en" / "t").is_symlink() and (root / "en/t/demo-en-2/index.html").is_file()
    assert not (root / "feeds" / "all.atom").is_symlink()


def test_a_withdrawal_during_an_export_is_caught(archive, tmp_path, monkeypatch):
    real = mirror.render
    withdrawn = []

    def withdraw_midway(path):
        if not withdrawn:
            withdrawn.append(True)
            unpublish(Testimony.objects.get(public_id="demo-en-2"))
        return real(path)

    monkeypatch.setattr(mirror, "render", withdraw_midway)
    export(tmp_path / "mirror")
    assert not any("demo-en-2" in name for name in tree(tmp_path / "mirror"))


def test_a_manifest_cannot_make_it_delete_outside_the_mirror(archive, tmp_path):
    root = tmp_path / "mirror"
    export(root)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    with (root / mirror.MANIFEST).open("a") as manifest:
        manifest.write("../victim.txt\n")
    export(root)
    assert victim.read_text() == "keep"

"""The static mirror: the public archive as plain files that work from file:// or any static host.

Every page is rendered by the archive's own views (so it is what the site shows), with the search
form left out and links rewritten to relative ones: /en/t/abc/ seen from /en/ becomes
t/abc/index.html. Links to what the mirror does not hold (the intake, search) point to the site
itself (FAREWELL_CANONICAL_URL). The same archive gives the same bytes, and a second export into
the same folder only writes what changed and removes everything else, withdrawn testimonies
included: the folder belongs to the mirror (a manifest marks it; the ZIP holds what it lists).
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest
from django.urls import resolve, reverse, set_urlconf
from django.utils import translation
from django.utils.html import escape

from farewell.archive import browse, generation
from farewell.archive.models import PublishedPart, Testimony
from farewell.web.sites import ARCHIVE, language_in_path

MANIFEST = ".farewell-mirror"
ATTEMPTS = 3
LINK = re.compile(r'(?P<attr>\b(?:href|src|action))="(?P<url>/[^"]*)"')
MEDIA = re.compile(r"^/(?:[a-z]{2}/)?media/(?P<name>[^/]+)$")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a ZIP can hold: no export time in the file


class MirrorError(Exception):
    pass


@dataclass
class Report:
    pages: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    files: set[str] = field(default_factory=set)


def site_paths() -> Iterator[str]:
    """Every path of the public archive the mirror holds, in every interface language."""
    pages = Paginator(range(Testimony.objects.count()), settings.FAREWELL_ARCHIVE_PAGE_SIZE).num_pages
    facets = browse.facets()
    ids = list(Testimony.objects.order_by("-published_on", "-id").values_list("public_id", flat=True))
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            yield from _listing("archive:home", None, pages)
            yield reverse("archive:feed")
            for facet in facets.themes:
                yield from _listing("archive:theme", facet.value, _pages_of(facet.count))
                yield reverse("archive:theme_feed", args=[facet.value])
            for facet in facets.years:
                yield from _listing("archive:year", int(facet.value), _pages_of(facet.count))
            for facet in facets.languages:
                yield from _listing("archive:language", facet.value, _pages_of(facet.count))
                yield reverse("archive:language_feed", args=[facet.value])
            for public_id in ids:
                yield reverse("archive:testimony", args=[public_id])


def _pages_of(count: int) -> int:
    return max(1, -(-count // settings.FAREWELL_ARCHIVE_PAGE_SIZE))


def _listing(name: str, value, pages: int) -> Iterator[str]:
    args = [] if value is None else [value]
    yield reverse(name, args=args)
    for number in range(2, pages + 1):
        yield reverse(name + "_page", args=[*args, number])


class MirrorRequest(HttpRequest):
    """A request made by the export, not by a reader: its host is the site's own."""

    def get_host(self) -> str:
        return urlsplit(settings.FAREWELL_CANONICAL_URL).netloc


def render(path: str) -> bytes | None:
    """The page at path as the archive serves it, marked as the mirror's (no search form)."""
    request = MirrorRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.META = {"REQUEST_METHOD": "GET"}
    request.site = ARCHIVE
    request.static_mirror = True
    request.LANGUAGE_CODE = language_in_path(ARCHIVE, path)
    with translation.override(request.LANGUAGE_CODE):  # the language prefix resolves only then
        match = resolve(path, urlconf=ARCHIVE.urlconf)
        try:
            response = match.func(request, *match.args, **match.kwargs)
        except Http404:
            return None  # withdrawn since the list of pages was made: the export starts again
        if hasattr(response, "render"):
            response = response.render()
        if response.status_code != 200:
            raise MirrorError(f"{path}: the archive answered {response.status_code}")
        return response.content


def file_of(path: str) -> str:
    """Where the page at a site path lives in the mirror (relative to its root)."""
    if media := MEDIA.match(path):
        return "media/" + media["name"]
    local = path.lstrip("/")
    return local + "index.html" if local.endswith("/") or not local else local


class Linker:
    """Rewrites a page's site-absolute links to links relative to the page's own file."""

    def __init__(self, exported: set[str]):
        self.exported = exported
        self.statics: set[str] = set()
        self.media: set[str] = set()

    def rewrite(self, page_path: str, html: str) -> str:
        here = posixpath.dirname(file_of(page_path))

        def local(match: re.Match) -> str:
            url = match["url"]
            parts = urlsplit(url)
            target = parts.path
            if target.startswith(settings.STATIC_URL):
                self.statics.add(target[len(settings.STATIC_URL) :])
                wanted = target.lstrip("/")
            elif media := MEDIA.match(target):
                self.media.add(media["name"])
                wanted = file_of(target)
            elif target in self.exported and not parts.query:
                wanted = file_of(target)
            else:  # the intake, the search: only the site itself has them
                return f'{match["attr"]}="{escape(settings.FAREWELL_CANONICAL_URL.rstrip("/"))}{url}"'
            relative = posixpath.relpath(wanted, here or ".")
            return f'{match["attr"]}="{relative}{"#" + parts.fragment if parts.fragment else ""}"'

        return LINK.sub(local, html)


def export(target: Path, *, progress: Callable[[str], None] = lambda message: None) -> Report:
    """Writes the mirror into target (created if need be), incrementally; returns what it did.
    An archive that changed while it was written (a withdrawal meanwhile) is written again."""
    target = target.resolve()
    if target.exists() and not target.is_dir():
        raise MirrorError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MANIFEST).is_file():
        raise MirrorError(f"{target} is not empty and holds no mirror: choose an empty folder")
    target.mkdir(parents=True, exist_ok=True)
    _write_manifest(target, set(_manifest(target)))  # from now on, the folder is a mirror's
    for _attempt in range(ATTEMPTS):
        before = generation.current()
        report = Report()
        set_urlconf(ARCHIVE.urlconf)
        try:
            _write_pages(target, report, progress)
        finally:
            set_urlconf(None)
        _remove_stale(target, report)
        _write_manifest(target, report.files)
        if generation.current() == before:
            return report
        progress("the archive changed during the export: writing it again")
    raise MirrorError(f"the archive kept changing during {ATTEMPTS} exports: run it again later")


def _write_pages(target: Path, report: Report, progress: Callable[[str], None]) -> None:
    paths = list(site_paths())
    linker = Linker(set(paths))
    progress(f"{len(paths)} pages and feeds to render")
    for number, path in enumerate(paths, 1):
        content = render(path)
        if content is None:
            continue
        if file_of(path).endswith(".html"):
            content = linker.rewrite(path, content.decode("utf-8")).encode("utf-8")
        _put(target, file_of(path), content, report)
        report.pages += 1
        if number % 500 == 0:
            progress(f"{number}/{len(paths)} pages")
    for name in sorted(linker.statics):
        found = finders.find(name)
        if not found:
            raise MirrorError(f"static file {name} not found")
        _put(target, posixpath.join(settings.STATIC_URL.strip("/"), name), Path(found).read_bytes(), report)
    _copy_media(target, linker.media, report)


def _manifest(root: Path) -> list[str]:
    path = root / MANIFEST
    return [name for name in path.read_text(encoding="utf-8").splitlines() if name] if path.is_file() else []


def _write_manifest(root: Path, names: set[str]) -> None:
    (root / MANIFEST).write_text("".join(f"{name}\n" for name in sorted(names)), encoding="utf-8")


def _inside(root: Path, name: str) -> Path:
    """root/name with its folders made, never through a symbolic link someone put in the mirror
    (the folder is the mirror's: a link in it is replaced, not followed)."""
    current = root
    *folders, leaf = name.split("/")
    for folder in folders:
        current = current / folder
        if current.is_symlink():
            current.unlink()
        current.mkdir(exist_ok=True)
    path = current / leaf
    if path.is_symlink():
        path.unlink()
    return path


def _put(root: Path, name: str, content: bytes, report: Report) -> None:
    path = _inside(root, name)
    report.files.add(name)
    if path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content:
        report.unchanged += 1
        return
    temporary = path.with_name(path.name + ".part")
    temporary.write_bytes(content)
    os.replace(temporary, path)
    report.written += 1


def _copy_media(root: Path, names: set[str], report: Report) -> None:
    folder = Path(settings.FAREWELL_PUBLIC_MEDIA_DIR)
    sizes = dict(PublishedPart.objects.filter(name__in=names).values_list("name", "size"))
    for name in sorted(names):
        source, path = folder / name, _inside(root, f"media/{name}")
        report.files.add(f"media/{name}")
        if not source.is_file():
            raise MirrorError(f"published file {name} is missing from {folder}")
        # Published parts never change under their random name: same name and size, same file.
        if path.is_file() and path.stat().st_size == sizes.get(name):
            report.unchanged += 1
            continue
        shutil.copyfile(source, path.with_name(name + ".part"))
        os.replace(path.with_name(name + ".part"), path)
        report.written += 1


def _remove_stale(root: Path, report: Report) -> None:
    """Removes every file of the folder this export did not write: withdrawn testimonies, their
    files, pages of listings that got shorter, what a killed export left half-written. The folder
    is the mirror's (export refuses one that holds anything else), so nothing else lives there."""
    for folder, subfolders, names in os.walk(root, topdown=False):  # links are not followed
        here = Path(folder)
        for name in names + [d for d in subfolders if (here / d).is_symlink()]:
            relative = (here / name).relative_to(root).as_posix()
            if relative != MANIFEST and relative not in report.files:
                (here / name).unlink()
                report.removed += 1
        if here != root and not any(here.iterdir()):
            here.rmdir()


def write_zip(root: Path, destination: Path) -> int:
    """One ZIP of the mirror, the same bytes for the same mirror; returns its size."""
    names = sorted(_manifest(root))
    temporary = destination.with_name(destination.name + ".part")
    with zipfile.ZipFile(temporary, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever system exports
            with (root / name).open("rb") as source, archive.open(info, "w") as out:
                shutil.copyfileobj(source, out, 1 << 20)  # videos stream, never whole in memory
    os.replace(temporary, destination)
    return destination.stat().st_size

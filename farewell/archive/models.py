"""Published testimonies: the anonymized text as approved, never the submitter's original."""

from __future__ import annotations

import secrets

from django.db import models

from farewell.archive.themes import THEMES


def new_public_id() -> str:
    return secrets.token_urlsafe(8)


class Testimony(models.Model):
    __test__ = False  # not a pytest test class, whatever its name says
    LANGUAGES = [("ru", "Русский"), ("en", "English"), ("fr", "Français"), ("uk", "Українська")]

    # Random, so the URL says nothing about how many cases exist or in which order they came.
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id, editable=False)
    language = models.CharField(max_length=8, choices=LANGUAGES)
    title = models.CharField(max_length=200)
    body = models.TextField()
    published_on = models.DateField()
    # How it was verified, for its public note: the checklist items ticked (review.CaseCheck.Item
    # values) and how many reviewers approved it. Never who.
    checks = models.JSONField(default=list, blank=True)
    approvals = models.PositiveSmallIntegerField(default=2)
    # The search index's text: lemmas of title, body and transcripts (archive/search/lemmas.py).
    lemmas = models.TextField(default="", blank=True, editable=False)

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["-published_on", "-id"], name="archive_newest_first")]

    def __str__(self) -> str:
        return self.title

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]

    @property
    def theme_slugs(self) -> list[str]:
        chosen = {row.slug for row in self.theme_rows.all()}  # prefetched on lists
        return [slug for slug in THEMES if slug in chosen]

    def searchable_text(self) -> str:
        transcripts = [file.transcript for file in self.files.all()]
        return "\n\n".join([self.title, self.body, *transcripts])


class TestimonyTheme(models.Model):
    """One theme of a testimony (archive/themes.py): a fixed slug, so URLs and mirrors stay put."""

    __test__ = False
    testimony = models.ForeignKey(Testimony, on_delete=models.CASCADE, related_name="theme_rows")
    slug = models.CharField(max_length=32, choices=[(slug, slug) for slug in THEMES])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["testimony", "slug"], name="archive_theme_once")]
        indexes = [models.Index(fields=["slug", "testimony"], name="archive_by_theme")]


class Generation(models.Model):
    """One row: a number raised by every change to the archive, part of every cached page's key,
    so that every process shows a publication or a withdrawal at once (archive/cache.py)."""

    number = models.PositiveBigIntegerField(default=0)


class PublishedFile(models.Model):
    """A file published with a testimony: only ever derivatives the reviewers approved (cleaned,
    faces hidden, boxes burned, documents as page images), and the reviewed transcript of what
    is said in it. Its parts are plain files under FAREWELL_PUBLIC_MEDIA_DIR, named at random."""

    testimony = models.ForeignKey(Testimony, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveSmallIntegerField()
    transcript = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]


class PublishedPart(models.Model):
    """One picture, page, video or sound of a published file."""

    file = models.ForeignKey(PublishedFile, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=64, unique=True)  # random, with the extension of its type
    content_type = models.CharField(max_length=64)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    page = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["position"]

    @property
    def kind(self) -> str:
        """image, video or audio: how the testimony page shows it."""
        return self.content_type.split("/")[0]

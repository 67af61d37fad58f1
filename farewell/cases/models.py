"""A case: one submitter's testimony, found again only through the slow hash of a codename."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from farewell.vault.models import SealedItem, StoredFile


class Case(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("new")
        IN_REVIEW = "in_review", _("in review")
        AWAITING_SUBMITTER = "awaiting_submitter", _("awaiting the submitter")
        APPROVED_ONCE = "approved_once", _("approved by one of two reviewers")
        PUBLISHED = "published", _("published")
        VERIFIED = "verified", _("verified, not published")
        REJECTED = "rejected", _("rejected")
        LEGAL = "legal", _("legal documentation")
        WITHDRAWN = "withdrawn", _("withdrawn by the submitter")

    class Consent(models.TextChoices):
        TEXT_ONLY = "text", _("Publish the text only")
        TEXT_AND_MEDIA = (
            "text_media",
            _("Publish the text, and the photos, videos or documents I add once they are anonymized"),
        )
        VERIFICATION_ONLY = "verification", _("Do not publish: use it only to check facts and document what happened")

    # argon2id(codename, salt=pepper) in hex: finds the case with one hash, reveals nothing.
    codename_lookup = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=24, choices=Status, default=Status.NEW)
    consent = models.CharField(max_length=16, choices=Consent)
    language = models.CharField(max_length=8)  # interface language the submitter used
    # The submitter's X25519 public key, derived from the codename with argon2id under this
    # case's own salt (intake/submitter_keys.py): questions, replies and previews meant for him are
    # wrapped to it, and only his session, holding the codename's private half, opens them.
    submitter_public_key = models.BinaryField(null=True)
    submitter_salt = models.BinaryField(null=True)
    # Where the case is routed: the channel whose key its items are sealed to (cases.Channel).
    channel = models.CharField(max_length=32, default="default")
    tags = models.ManyToManyField("cases.Tag", blank=True, related_name="cases")
    story = models.OneToOneField(SealedItem, on_delete=models.PROTECT, related_name="+")
    # Day precision is all the workflow needs; an exact time helps correlate with traffic.
    received_on = models.DateField(auto_now_add=True)
    assignee = models.ForeignKey(
        "accounts.Reviewer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What would be published: a title written by a reviewer (sealed like the story, since it
    # may still name someone before review), the language, and redactions (review.Redaction).
    publication_title = models.OneToOneField(
        SealedItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    publication_language = models.CharField(max_length=8, blank=True)
    # Themes chosen for the archive (archive/themes.py), as "desertion,front": a few words from a
    # fixed list, kept plain like the case's tags.
    publication_themes = models.CharField(max_length=200, blank=True)
    # Why a case was rejected or sent to legal documentation: reviewers' words, sealed.
    decision_reason = models.OneToOneField(
        SealedItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    testimony = models.OneToOneField(
        "archive.Testimony", null=True, blank=True, on_delete=models.SET_NULL, related_name="case"
    )
    # Retention: originals are erased FAREWELL_RETENTION_DAYS after the case closed, unless held.
    closed_on = models.DateField(null=True, blank=True)
    legal_hold = models.BooleanField(default=False)
    # Once routed to legal documentation, the hold can never be lifted (not even after withdrawal).
    routed_to_legal = models.BooleanField(default=False)
    purged_on = models.DateField(null=True, blank=True)

    CLOSED = ("published", "verified", "rejected", "legal", "withdrawn")

    def __str__(self) -> str:
        return f"case {self.pk}"


class Attachment(models.Model):
    """A file sent with a case (or later, from the inbox)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    stored = models.OneToOneField(StoredFile, on_delete=models.PROTECT, related_name="attachment")
    position = models.PositiveSmallIntegerField()
    # Sent later with a reply from the inbox (None: with the testimony).
    message = models.ForeignKey(
        "cases.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )

    class Meta:
        ordering = ["position"]


class CleanedFile(models.Model):
    """The outcome of cleaning an attachment (jobs/cleaning.py): a derivative written from
    pixels and samples alone, or a refusal. Only a derivative may ever be published; a refused
    file never can be.

    `report` is sealed like the file: the metadata it lists (GPS, names, serial numbers) is what
    identifies the submitter. The refusal is a code (anonymize/media/report.py).
    """

    attachment = models.OneToOneField(Attachment, on_delete=models.CASCADE, related_name="cleaned")
    stored = models.OneToOneField(StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    report = models.OneToOneField(SealedItem, on_delete=models.PROTECT, related_name="+")
    refused = models.CharField(max_length=32, blank=True)

    @property
    def publishable(self) -> bool:
        return self.stored_id is not None and not self.refused


class Rendition(models.Model):
    """A picture, page, video or sound made from a cleaned file by the render job (jobs/rendering.py)
    as the reviewers decided (review.FileDecision at `revision`): previews for the case page,
    and the exact parts that would be published. Encrypted like every file."""

    class Purpose(models.TextChoices):
        PREVIEW = "preview", _("preview")
        PUBLISH = "publish", _("to publish")

    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, related_name="renditions")
    purpose = models.CharField(max_length=8, choices=Purpose)
    position = models.PositiveSmallIntegerField()
    revision = models.PositiveIntegerField()
    stored = models.OneToOneField(StoredFile, on_delete=models.PROTECT, related_name="+")
    content_type = models.CharField(max_length=64)
    page = models.PositiveIntegerField(null=True, blank=True)  # documents: the page it shows
    faces = models.PositiveIntegerField(default=0)  # hidden on it by the render (pages of documents)
    boxes = models.PositiveIntegerField(default=0)  # burned into it

    class Meta:
        ordering = ["purpose", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attachment", "purpose", "position"], name="one_rendition_per_place")
        ]


class CaseAccount(models.Model):
    """Another account of the case, added by a reviewer: the submitter's answers to questions, a
    call transcript, an interview, a press article. The story itself is account 0 and has no row.

    Everything a reviewer knows of it is sealed: the text (as the engine reads it), and `details`
    (JSON: the reviewer's label and the account's date, which would point a dump's reader to the
    article about the man). An upload's original file is kept encrypted (`original`), so that the
    text extracted from a page can be checked against what was saved; it is small (a few MB).
    """

    class Kind(models.TextChoices):
        TESTIMONY = "testimony", _("testimony")
        ANSWERS = "answers", _("answers to questions")
        INTERVIEW = "interview", _("interview or call transcript")
        PRESS = "press", _("press article")
        OTHER = "other", _("other account")

    class Source(models.TextChoices):
        PASTED = "pasted", _("pasted text")
        HTML = "html", _("uploaded web page")
        TEXT = "text", _("uploaded text file")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="accounts")
    position = models.PositiveSmallIntegerField()  # from 1: the story is 0
    kind = models.CharField(max_length=16, choices=Kind)
    source = models.CharField(max_length=8, choices=Source)
    text = models.OneToOneField(SealedItem, on_delete=models.PROTECT, related_name="+")
    details = models.OneToOneField(SealedItem, on_delete=models.PROTECT, related_name="+")
    original = models.OneToOneField(StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey("accounts.Reviewer", null=True, on_delete=models.SET_NULL, related_name="+")
    added_on = models.DateField(auto_now_add=True)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["case", "position"], name="one_account_per_position")]


class Verification(models.Model):
    """The latest report of the verification job (jobs/verifying.py) on a case's accounts,
    sealed: it quotes the accounts. `account_ids` are the CaseAccount rows it read besides the
    story; a report whose ids differ from the case's accounts is out of date."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="verification")
    report = models.OneToOneField(SealedItem, on_delete=models.PROTECT, related_name="+")
    account_ids = models.JSONField(default=list)
    made_on = models.DateField(auto_now=True)


class CaseCheck(models.Model):
    """One item of the case checklist, ticked by a reviewer; the second approval needs all of
    them (review/verification.py). Adding or removing an account unticks every item."""

    class Item(models.TextChoices):
        IDENTITY = "identity_consistent", _("Identity consistent across the accounts")
        TIMELINE = "timeline_consistent", _("Timeline consistent, with public events too")
        UNIT = "unit_plausible", _("Unit and places plausible")
        RISKS = "risk_flags_resolved", _("Risk flags resolved (routed to legal documentation where needed)")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="checks")
    item = models.CharField(max_length=32, choices=Item)
    ticked_by = models.ForeignKey("accounts.Reviewer", on_delete=models.PROTECT, related_name="+")
    ticked_on = models.DateField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "item"], name="one_tick_per_item")]


class Channel(models.Model):
    """Where cases are routed (e.g. "testimony", "request for help"), each with its own key pair
    (vault.KeyPair named "channel:<slug>"): only the reviewers granted that key read its cases.
    The organization's channel, "default", exists on every instance and needs no row; a row gives
    a channel its names on the intake form."""

    DEFAULT = "default"

    slug = models.SlugField(max_length=32, unique=True)
    # {"ru": …, "en": …, "fr": …}: the names submitters choose from, in their language.
    names = models.JSONField(default=dict)
    on_intake = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.slug

    @property
    def key_name(self) -> str:
        return f"channel:{self.slug}"


class Tag(models.Model):
    """A workflow label reviewers put on cases ("urgent", "needs a translator"). Stored in clear
    so that the queue can filter by it: a tag must never carry what a case says (docs)."""

    name = models.CharField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Message(models.Model):
    """One message of a case's conversation, sealed like the story.

    Questions and replies are wrapped to the submitter key too (he reads them in his inbox);
    internal notes and objections' internal copies never are. `part` says what an objection is
    about ("text", "title", "file:<attachment id>"): no content. Day precision, like every date.
    """

    class Kind(models.TextChoices):
        QUESTION = "question", _("question to the submitter")
        REPLY = "reply", _("reply from the submitter")
        NOTE = "note", _("internal note")
        OBJECTION = "objection", _("objection from the submitter")

    SUBMITTER_READS = (Kind.QUESTION, Kind.REPLY, Kind.OBJECTION)
    FROM_SUBMITTER = (Kind.REPLY, Kind.OBJECTION)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=16, choices=Kind)
    body = models.OneToOneField(SealedItem, on_delete=models.PROTECT, related_name="+")
    part = models.CharField(max_length=32, blank=True)
    author = models.ForeignKey("accounts.Reviewer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sent_on = models.DateField(auto_now_add=True)
    # A reply or objection already counted in a reviewers' notification email.
    notified = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]


class FileConsent(models.Model):
    """The submitter's choice for one file, within the case's consent (cases/consent.py). No row:
    the case-level choice alone decides, and no voice is ever published."""

    class Choice(models.TextChoices):
        CLEANED = "cleaned", _("Publish the cleaned version")
        TRANSCRIPT = "transcript", _("Publish the transcript only")
        NONE = "none", _("Do not publish this file")

    attachment = models.OneToOneField(Attachment, on_delete=models.CASCADE, related_name="consent")
    choice = models.CharField(max_length=16, choices=Choice, default=Choice.CLEANED)
    altered_voice = models.BooleanField(default=False)
    original_voice = models.BooleanField(default=False)


class Preview(models.Model):
    """What would be published, as the first approval saw it, sealed to the submitter key too so
    that he sees it before the second approval (intake/inbox). `content` is JSON: title, language,
    text with placeholders, and per file what would be shown (rendition ids, transcript)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="preview")
    content = models.OneToOneField(SealedItem, on_delete=models.PROTECT, related_name="+")
    made_on = models.DateField(auto_now=True)

"""What reviewers decide about a case: redactions over the original, per-file choices, and approvals."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from farewell.accounts.models import Reviewer
from farewell.cases.models import Attachment, Case
from farewell.vault.models import SealedItem


class Redaction(models.Model):
    """A span of the original to replace with a typed placeholder. Offsets only, no text."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="redactions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    label = models.CharField(max_length=24)
    added_by = models.ForeignKey(Reviewer, null=True, on_delete=models.SET_NULL, related_name="+")
    # A reviewer's wording for the placeholder («командир роты»), sealed like the story.
    replacement = models.OneToOneField(SealedItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["start", "end"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="redaction_not_empty")
        ]


class Approval(models.Model):
    """One reviewer's approval of exactly one version of what would be published.

    content_mac is a keyed hash (key outside the database) of the derived text, title,
    language and consent: a dump cannot confirm a guessed text, and any change voids it.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="approvals")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="+")
    content_mac = models.CharField(max_length=64)
    approved_on = models.DateField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "reviewer"], name="one_approval_per_reviewer")]


class DismissedSuggestion(models.Model):
    """An automatic suggestion a reviewer rejected, so it is not proposed again. Offsets only."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="dismissed_suggestions")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    label = models.CharField(max_length=24)
    dismissed_by = models.ForeignKey(Reviewer, null=True, on_delete=models.SET_NULL, related_name="+")


class FileDecision(models.Model):
    """What the reviewers make of one file for publication: whether it is published, what is
    heard of its voice, and the boxes burned into it. Every change bumps `revision`; renditions
    (cases.Rendition) record the revision they were made from, so a stale one is never published.

    The boxes are fractions of the picture or page, with no content. The transcript and the
    voice alteration's random parameters are sealed: the first is what was said, the second
    would help undo the alteration.
    """

    class Voice(models.TextChoices):
        TRANSCRIPT = "transcript", _("Publish the transcript only (no voice)")
        SYNTHETIC = "synthetic", _("Publish the transcript, read aloud by a synthetic voice")
        ALTERED = "altered", _("Publish the voice altered (weaker: an informed listener may still recognize it)")
        ORIGINAL = "original", _("Publish the original voice (recognizable)")

    attachment = models.OneToOneField(Attachment, on_delete=models.CASCADE, related_name="decision")
    publish = models.BooleanField(default=False)
    voice = models.CharField(max_length=16, choices=Voice, default=Voice.TRANSCRIPT)
    boxes = models.JSONField(default=list)
    transcript = models.OneToOneField(SealedItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    treatment = models.OneToOneField(SealedItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    revision = models.PositiveIntegerField(default=1)

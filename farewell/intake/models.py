"""Flood counters of the intake's forms, shared by every process and host (see limits.py)."""

from __future__ import annotations

from django.db import models


class FloodCount(models.Model):
    """How often one counter ("testimony", "reply", "codename", "wrong_codename") moved in one
    minute, all sessions together.

    Only a number: no address, user agent, session or case. Even the minute is hidden, in a hash
    keyed with the intake's secret key (outside the database), and the rows of other minutes
    are deleted as new ones are made: the minute of the latest testimony would otherwise date the
    latest case, which keeps only its day.
    """

    key = models.CharField(max_length=32, primary_key=True)
    counter = models.CharField(max_length=16)
    count = models.PositiveIntegerField(default=0)

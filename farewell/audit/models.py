"""Audit rows: ids and action names only, each chained to the previous one by a MAC."""

from __future__ import annotations

from django.db import models


class AuditEntry(models.Model):
    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.CharField(max_length=32)  # "reviewer:<id>" or "operator"
    action = models.CharField(max_length=48)
    case_id = models.BigIntegerField(null=True, db_index=True)
    details = models.JSONField(default=dict)  # ids and state names, never content
    mac = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]


class AuditHead(models.Model):
    """The chain's latest (seq, mac); its row lock serializes writers so the chain cannot fork."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    mac = models.CharField(max_length=64, default="")

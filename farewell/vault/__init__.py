"""Encryption at rest: data keys per item, wrapped to channel and worker keys (docs/threat-model.md)."""

"""Anonymization pipelines: plain Python, no Django (text now; media with the cleaning issue)."""

"""Farewell: anonymous testimonies of soldiers, reviewed by people and published in an archive."""

__version__ = "0.1.0"

"""Plumbing shared by the three sites: routing, sessions, languages, security, logging."""

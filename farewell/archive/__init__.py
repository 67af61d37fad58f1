"""The public archive: published, anonymized copies only; no session, no cookie, no script."""

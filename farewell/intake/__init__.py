"""The submitter's site: plain forms, no JavaScript, codenames instead of accounts."""

"""Reviewer accounts: enrolment, password and TOTP second factor, keys, channel grants."""

"""Keys derived from FAREWELL_AUDIT_KEY, the review side's secret kept outside the database.

One secret, separate keys per purpose (keyed BLAKE2b with the purpose as personalization), so
that a MAC made for one purpose can never be replayed as another.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings

AUDIT_CHAIN = b"audit-chain"
APPROVAL = b"approval"
TOTP_SECRET = b"totp-secret"
REVIEWER_EMAIL = b"reviewer-email"  # encrypts reviewers' notification addresses
RECOVERY_CODE = b"recovery-code"
ENROLMENT = b"enrolment"
DUPLICATE_INDEX = b"duplicate-index"  # keys the shingle hashes of verify/duplicates.py


class AuditKeyMissing(RuntimeError):
    """FAREWELL_AUDIT_KEY is not configured."""


def subkey(purpose: bytes) -> bytes:
    secret = settings.FAREWELL_AUDIT_KEY
    if not secret:
        raise AuditKeyMissing("FAREWELL_AUDIT_KEY is not set: run `farewell keys init`")
    return hashlib.blake2b(b"", key=secret.encode()[:64], person=purpose[:16], digest_size=32).digest()


def mac(purpose: bytes, message: bytes) -> str:
    return hmac.new(subkey(purpose), message, hashlib.sha256).hexdigest()

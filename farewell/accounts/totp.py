"""TOTP second factor (RFC 6238, through pyotp) with secrets encrypted at rest and no replay.

django-otp would store TOTP keys and static recovery tokens in clear in the database; a dump
must not hand out second factors, so this thin layer encrypts the secret under a key derived
from FAREWELL_AUDIT_KEY and keeps only keyed hashes of recovery codes.
"""

from __future__ import annotations

import hmac
import secrets
import time

import pyotp
import segno

from farewell.vault import crypto, server_keys

STEP_SECONDS = 30
ACCEPTED_DRIFT = 1  # steps before and after now
ISSUER = "Farewell"
RECOVERY_CODES = 10


def new_secret() -> str:
    return pyotp.random_base32()


def seal_secret(secret: str, reviewer_id: int) -> bytes:
    return crypto.encrypt(secret.encode(), server_keys.subkey(server_keys.TOTP_SECRET), f"totp:{reviewer_id}")


def open_secret(sealed: bytes, reviewer_id: int) -> str:
    return crypto.decrypt(sealed, server_keys.subkey(server_keys.TOTP_SECRET), f"totp:{reviewer_id}").decode()


def provisioning_uri(secret: str, name: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=name, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code as inline SVG markup, rendered here: no image request, no third party."""
    return segno.make(uri, error="m").svg_inline(scale=5, dark="#111", light="#fff")


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step whose code this is, within the accepted drift; None if none matches."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    current = int((time.time() if now is None else now) // STEP_SECONDS)
    for step in range(current - ACCEPTED_DRIFT, current + ACCEPTED_DRIFT + 1):
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def new_recovery_codes() -> list[str]:
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # no look-alikes (i, l, o, 0, 1)
    return [
        "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(2)) for _ in range(RECOVERY_CODES)
    ]


def recovery_code_mac(code: str) -> str:
    normalized = "".join(ch for ch in code.lower() if ch.isalnum())
    return server_keys.mac(server_keys.RECOVERY_CODE, normalized.encode())

"""Which case a returning submitter opened, kept in his browser rather than on the server.

A session row that named the case would tell whoever reads a database dump when that case's
author was last active (its expiry time), something a network log could then be matched with.
So the server-side session only says "someone returned", and the case id travels in a cookie
encrypted under a key derived from the intake's secret key and bound to the session's key:
copied to another session, or after "Leave", it opens nothing.

The same cookie carries the submitter's private key (derived from his codename at sign-in), which
the server therefore never stores: it opens what reviewers wrote to him, for this session only.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field

from nacl.exceptions import CryptoError
from nacl.secret import SecretBox

from farewell.web.sessions import set_site_cookie
from farewell.web.sites import INTAKE

COOKIE = "farewell_intake_case"
MARK = "returned"


def _box() -> SecretBox:
    key = hashlib.blake2b(INTAKE.secret_key.encode(), person=b"case-cookie", digest_size=32).digest()
    return SecretBox(key)


@dataclass(frozen=True)
class Visit:
    case_id: int
    private_key: bytes = field(repr=False)


def remember(request, response, case_id: int, private_key: bytes) -> None:
    request.session.cycle_key()  # a new session key at every sign-in (fixation)
    request.session[MARK] = True
    payload = json.dumps(
        {"case": case_id, "session": request.session.session_key, "key": base64.b64encode(private_key).decode()}
    ).encode()
    set_site_cookie(response, INTAKE, COOKIE, base64.urlsafe_b64encode(_box().encrypt(payload)).decode())


def visit(request) -> Visit | None:
    """The case and key of the submitter signed in on this session, if any."""
    value = request.COOKIES.get(COOKIE)
    if not value or not request.session.get(MARK):
        return None
    try:
        payload = json.loads(_box().decrypt(base64.urlsafe_b64decode(value)))
        if payload.get("session") != request.session.session_key:
            return None
        return Visit(int(payload["case"]), base64.b64decode(payload["key"]))
    except (CryptoError, ValueError, TypeError, KeyError):
        return None


def remembered_case_id(request) -> int | None:
    found = visit(request)
    return found.case_id if found else None


def forget(request, response) -> None:
    request.session.flush()
    response.delete_cookie(COOKIE, path=INTAKE.mount, samesite="Strict")

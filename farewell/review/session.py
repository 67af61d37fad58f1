"""A reviewer's signed-in session, which holds his private key without ever storing it in clear.

At the password step the private key is encrypted under a fresh random key; the ciphertext goes
in the session (server side), the random key only in an HttpOnly cookie of the reviewer's
browser. Neither the session store nor the database alone can open it, and it is gone when
the browser closes or the session ends.
"""

from __future__ import annotations

import base64
import functools
import secrets

from django.shortcuts import redirect

from farewell.accounts.models import Reviewer
from farewell.review.actions import Desk
from farewell.vault import crypto
from farewell.web.sessions import set_site_cookie
from farewell.web.sites import REVIEW

KEY_COOKIE = "farewell_review_key"
PENDING = "pending_reviewer"  # passed the password step, not yet the second factor
SIGNED_IN = "reviewer"
KEY_BOX = "key_box"


def begin(request, response, reviewer: Reviewer, private_key: bytes) -> None:
    """After the password step: keep the key for the second step, signed in to nothing yet."""
    request.session.cycle_key()
    cookie_key = secrets.token_bytes(32)
    request.session[PENDING] = reviewer.pk
    request.session[KEY_BOX] = base64.b64encode(crypto.wrap_with_key(private_key, cookie_key)).decode()
    set_site_cookie(response, REVIEW, KEY_COOKIE, base64.urlsafe_b64encode(cookie_key).decode())


def pending_reviewer_id(request) -> int | None:
    return request.session.get(PENDING)


def complete(request, reviewer: Reviewer) -> None:
    request.session.cycle_key()
    request.session.pop(PENDING, None)
    request.session[SIGNED_IN] = reviewer.pk


def end(request, response) -> None:
    request.session.flush()
    response.delete_cookie(KEY_COOKIE, path=REVIEW.mount, samesite="Strict")


def desk_of(request) -> Desk | None:
    reviewer_id, box, cookie = (
        request.session.get(SIGNED_IN),
        request.session.get(KEY_BOX),
        request.COOKIES.get(KEY_COOKIE),
    )
    if not (reviewer_id and box and cookie):
        return None
    reviewer = Reviewer.objects.filter(pk=reviewer_id, status=Reviewer.Status.ACTIVE).first()
    if reviewer is None:
        return None
    try:
        private = crypto.unwrap_with_key(base64.b64decode(box), base64.urlsafe_b64decode(cookie))
    except (crypto.VaultError, ValueError):
        return None
    return Desk(reviewer, private)


def reviewer_required(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        desk = desk_of(request)
        if desk is None:
            request.session.flush()
            return redirect("review:sign_in")
        request.desk = desk
        return view(request, *args, **kwargs)

    return wrapper

"""Two demo reviewers, enrolled, the second granted the keys by the first; bob alone also holds
the "help" channel (demo/channels.py). Demo only."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import pyotp
from django.conf import settings

from farewell.accounts.actions import do_enrol, do_grant_channel, do_invite_reviewer
from farewell.accounts.models import Reviewer
from farewell.accounts.totp import new_secret
from farewell.demo.cases import load_demo_case, load_demo_conversation
from farewell.demo.channels import ensure_help_channel
from farewell.review.actions import Desk
from farewell.vault.keys import configured_secret

DEMO_NAMES = ("alice", "bob")


def credentials_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-reviewers.json"


def create_demo_reviewers() -> list[dict]:
    """Creates alice and bob unless reviewers exist, and the demo case to verify (demo/cases.py)
    in alice's hands; their credentials are kept in the data directory (demo only: a real
    instance never stores a password or TOTP secret in clear)."""
    path = credentials_file()
    if Reviewer.objects.exists():
        ensure_help_channel()  # a demo data directory made before channels existed gets it too
        return json.loads(path.read_text()) if path.is_file() else []
    created, first = [], None
    for name in DEMO_NAMES:
        _reviewer, token = do_invite_reviewer(name, operator_secret=configured_secret("FAREWELL_OPERATOR_SECRET"))
        password, secret = secrets.token_urlsafe(12), new_secret()
        enrolled = do_enrol(token, password=password, totp_secret=secret, code=pyotp.TOTP(secret).now())
        if first is None:
            first = enrolled
        else:
            do_grant_channel(first.reviewer, first.private_key, enrolled.reviewer.pk)
        created.append(
            {"name": name, "password": password, "totp_secret": secret, "recovery_codes": enrolled.recovery_codes}
        )
    case = load_demo_case(Desk(first.reviewer, first.private_key))
    created[0]["demo_case"] = case.pk
    conversation, codename = load_demo_conversation(Desk(first.reviewer, first.private_key))
    created[0]["demo_conversation"] = {"case": conversation.pk, "codename": codename}
    ensure_help_channel()  # after the demo case, which stays case 1
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(created, handle, indent=1)
    return created

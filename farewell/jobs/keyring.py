"""The worker's private keys: unlocked once, at worker start, by the operator secret.

The secret is never on the data disk of a real deployment: it comes from a systemd credential,
a file on another volume (FAREWELL_OPERATOR_SECRET_FILE), the environment, or a prompt, so a
disk image or a database dump alone opens nothing the worker could.
"""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from farewell.env import secret_file_name
from farewell.vault import crypto
from farewell.vault.keys import KeysMissing, configured_secret
from farewell.vault.models import KeyPair, Wrapped

CREDENTIAL_NAME = "farewell-operator-secret"  # LoadCredential=farewell-operator-secret:/path


class NoOperatorSecret(RuntimeError):
    pass


def read_from_data_disk() -> bool:
    """Whether the secret would come from the secrets directory (where `keys init` writes it):
    fine for a demo, not for a server whose disk may be imaged."""
    if os.environ.get("FAREWELL_OPERATOR_SECRET") or os.environ.get("FAREWELL_OPERATOR_SECRET_FILE"):
        return False
    return (Path(settings.SECRETS_DIR) / secret_file_name("FAREWELL_OPERATOR_SECRET")).is_file()


def operator_secret(*, interactive: bool | None = None) -> str:
    """From FAREWELL_OPERATOR_SECRET(_FILE) or the secrets directory, a systemd credential, or
    the terminal, in that order."""
    value = configured_secret("FAREWELL_OPERATOR_SECRET")
    if value:
        return value
    credentials = os.environ.get("CREDENTIALS_DIRECTORY")
    if credentials and (Path(credentials) / CREDENTIAL_NAME).is_file():
        return (Path(credentials) / CREDENTIAL_NAME).read_text(encoding="utf-8").strip()
    if interactive is None:
        interactive = sys.stdin.isatty()
    if interactive:
        typed = getpass.getpass("Operator secret (unlocks the worker key): ").strip()
        if typed:
            return typed
    raise NoOperatorSecret(
        "no operator secret: set FAREWELL_OPERATOR_SECRET_FILE, pass a systemd credential named "
        f"{CREDENTIAL_NAME}, or run the worker on a terminal to type it"
    )


@dataclass(frozen=True)
class WorkerKeyring:
    """Private keys of every worker key pair still kept wrapped (retired ones open old items)."""

    keys: dict[int, bytes]

    def key_for(self, item: Wrapped) -> bytes:
        try:
            return self.keys[item.worker_id]
        except KeyError:
            raise crypto.VaultError("this item is sealed to a worker key this worker does not hold") from None


def unlock(secret: str) -> WorkerKeyring:
    pairs = list(KeyPair.objects.filter(name=KeyPair.WORKER, wrapped_private__isnull=False))
    if not pairs:
        raise KeysMissing("the worker key pair does not exist: run `farewell keys init`")
    keys = {}
    for pair in pairs:
        cost = crypto.KdfCost(pair.kdf_time_cost, pair.kdf_memory_kib)
        keys[pair.pk] = crypto.unwrap_with_secret(
            bytes(pair.wrapped_private), bytes(pair.kdf_salt), secret.encode(), cost
        )
    return WorkerKeyring(keys)

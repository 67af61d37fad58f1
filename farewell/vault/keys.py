"""Creating the key pairs and secrets a new instance needs; never replacing existing ones."""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from farewell.env import envsecret, secret_file_name
from farewell.vault import crypto
from farewell.vault.models import KeyPair

# Secrets kept outside the database; `farewell keys init` writes the missing ones to
# FAREWELL_SECRETS_DIR. The operator secret belongs off the data disk (docs/self-hosting.md).
SECRET_VARIABLES = (
    "FAREWELL_INTAKE_SECRET_KEY",
    "FAREWELL_REVIEW_SECRET_KEY",
    "FAREWELL_PEPPER",
    "FAREWELL_AUDIT_KEY",
    "FAREWELL_OPERATOR_SECRET",
)
KEY_PAIRS = (KeyPair.CHANNEL_DEFAULT, KeyPair.WORKER)


class KeysMissing(RuntimeError):
    """The instance has no keys yet: `farewell keys init` has not run."""


@dataclass(frozen=True)
class Created:
    kind: str  # "secret" or "key pair"
    name: str
    where: str


def kdf_cost() -> crypto.KdfCost:
    return crypto.KdfCost(settings.FAREWELL_KDF_TIME_COST, settings.FAREWELL_KDF_MEMORY_KIB)


def configured_secret(variable: str) -> str | None:
    return envsecret(variable, Path(settings.SECRETS_DIR))


def ensure_secrets() -> list[Created]:
    """Writes a random value for every secret that no variable, file or earlier run provides."""
    created = []
    directory = Path(settings.SECRETS_DIR)
    for variable in SECRET_VARIABLES:
        if configured_secret(variable):
            continue
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = directory / secret_file_name(variable)
        # O_EXCL: two concurrent runs cannot both write (and one overwrite the other).
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(48) + "\n")
        created.append(Created("secret", variable, str(path)))
    return created


BACKUP_PUBLIC = "FAREWELL_BACKUP_PUBLIC_KEY"
BACKUP_PRIVATE_FILE = "backup-private-key"


def ensure_backup_key() -> list[Created]:
    """A key pair for backups: the public half encrypts them here; the private half belongs
    offline (only `farewell restore` needs it)."""
    if configured_secret(BACKUP_PUBLIC):
        return []
    public, private = crypto.new_key_pair()
    directory = Path(settings.SECRETS_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    created = []
    for name, value in ((secret_file_name(BACKUP_PUBLIC), public), (BACKUP_PRIVATE_FILE, private)):
        fd = os.open(directory / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(base64.b64encode(value).decode() + "\n")
        created.append(Created("secret", name, str(directory / name)))
    return created


def backup_public_key() -> bytes:
    value = configured_secret(BACKUP_PUBLIC)
    if not value:
        raise KeysMissing("no backup key: run `farewell keys init`")
    return base64.b64decode(value)


def reload_secret_settings() -> None:
    """Makes secrets written by ensure_secrets visible to this process's settings."""
    settings.FAREWELL_SECRETS = {
        "intake": configured_secret("FAREWELL_INTAKE_SECRET_KEY"),
        "review": configured_secret("FAREWELL_REVIEW_SECRET_KEY"),
    }
    settings.SECRET_KEY = settings.FAREWELL_SECRETS["review"] or ""
    settings.FAREWELL_PEPPER = configured_secret("FAREWELL_PEPPER")
    settings.FAREWELL_AUDIT_KEY = configured_secret("FAREWELL_AUDIT_KEY")


def ensure_key_pairs(operator_secret: str) -> list[Created]:
    created = []
    cost = kdf_cost()
    for name in KEY_PAIRS:
        if KeyPair.objects.filter(name=name).exists():
            continue  # active or retired: this instance was initialized
        public, private = crypto.new_key_pair()
        salt, wrapped = crypto.wrap_with_secret(private, operator_secret.encode(), cost)
        try:
            with transaction.atomic():
                KeyPair.objects.create(
                    name=name,
                    public_key=public,
                    wrapped_private=wrapped,
                    kdf_salt=salt,
                    kdf_time_cost=cost.time_cost,
                    kdf_memory_kib=cost.memory_kib,
                )
        except IntegrityError:
            continue  # another process created it first; keep theirs
        created.append(Created("key pair", name, "database"))
    return created


def public_key(name: str) -> KeyPair:
    """The active key pair of that name (its public part is all a caller can use)."""
    try:
        return KeyPair.objects.only("id", "name", "public_key").get(name=name, retired_on__isnull=True)
    except KeyPair.DoesNotExist:
        raise KeysMissing(f"the {name} key pair does not exist: run `farewell keys init`") from None


def unlock_private_key(name: str, operator_secret: str) -> bytes:
    """The private part of the active key pair, where a secret-wrapped copy is still kept."""
    pair = KeyPair.objects.get(name=name, retired_on__isnull=True)
    if pair.wrapped_private is None:
        raise crypto.VaultError(f"no operator-wrapped copy of {name} is kept")
    cost = crypto.KdfCost(pair.kdf_time_cost, pair.kdf_memory_kib)
    return crypto.unwrap_with_secret(bytes(pair.wrapped_private), bytes(pair.kdf_salt), operator_secret.encode(), cost)


CODENAME_HASH = "codename_hash"


def codename_hash_parameters() -> str:
    return f"argon2id t={settings.FAREWELL_CODENAME_HASH_TIME_COST} m={settings.FAREWELL_CODENAME_HASH_MEMORY_KIB}"


def pin_codename_hash() -> list[Created]:
    """Records the codename hash's cost once: a later change would orphan every codename."""
    from farewell.vault.models import PinnedParameter

    _pinned, created = PinnedParameter.objects.get_or_create(
        name=CODENAME_HASH, defaults={"value": codename_hash_parameters()}
    )
    return [Created("parameter", CODENAME_HASH, "database")] if created else []


def codename_hash_mismatch() -> str | None:
    """What was pinned, if the configured cost differs from it."""
    from farewell.vault.models import PinnedParameter

    pinned = PinnedParameter.objects.filter(name=CODENAME_HASH).values_list("value", flat=True).first()
    return pinned if pinned is not None and pinned != codename_hash_parameters() else None

import stat

import pytest
from django.core.management import call_command

from farewell.testing.plugin import TEST_ENVIRONMENT
from farewell.vault import keys
from farewell.vault.crypto import VaultError
from farewell.vault.models import KeyPair, SealedItem
from farewell.vault.store import open_with_channel_key, open_with_worker_key, seal_story

OPERATOR = TEST_ENVIRONMENT["FAREWELL_OPERATOR_SECRET"]


@pytest.mark.django_db
def test_it_creates_the_missing_key_pairs_and_never_replaces_them():
    created = keys.ensure_key_pairs(OPERATOR)
    assert {item.name for item in created} == {KeyPair.CHANNEL_DEFAULT, KeyPair.WORKER}
    before = {pair.name: bytes(pair.public_key) for pair in KeyPair.objects.all()}
    assert keys.ensure_key_pairs(OPERATOR) == []
    after = {pair.name: bytes(pair.public_key) for pair in KeyPair.objects.all()}
    assert after == before


@pytest.mark.django_db
def test_it_stores_private_keys_only_wrapped(channel_private_key):
    pair = KeyPair.objects.get(name=KeyPair.CHANNEL_DEFAULT)
    assert channel_private_key not in bytes(pair.wrapped_private)
    with pytest.raises(VaultError):
        keys.unlock_private_key(KeyPair.CHANNEL_DEFAULT, "not the operator secret")


@pytest.mark.django_db
def test_it_seals_a_story_for_the_channel_and_the_worker(channel_private_key):
    item = seal_story("Позывной «Сокол», в/ч 12345")
    stored = SealedItem.objects.get(pk=item.pk)
    assert "в/ч 12345".encode() not in bytes(stored.ciphertext)
    assert open_with_channel_key(stored, channel_private_key).decode() == "Позывной «Сокол», в/ч 12345"
    worker_private = keys.unlock_private_key(KeyPair.WORKER, OPERATOR)
    assert open_with_worker_key(stored, worker_private).decode() == "Позывной «Сокол», в/ч 12345"


@pytest.mark.django_db
def test_it_refuses_to_seal_before_keys_exist():
    with pytest.raises(keys.KeysMissing):
        seal_story("text")


@pytest.mark.django_db
def test_keys_init_writes_missing_secrets_readable_by_the_owner_only(settings, tmp_path, monkeypatch):
    settings.SECRETS_DIR = tmp_path / "secrets"
    monkeypatch.delenv("FAREWELL_PEPPER")
    monkeypatch.delenv("FAREWELL_OPERATOR_SECRET")
    call_command("keys", "init")
    written = {path.name for path in settings.SECRETS_DIR.iterdir()}
    # The others come from the environment; the backup key pair is always made here.
    assert written == {"pepper", "operator-secret", "backup-public-key", "backup-private-key"}
    for path in settings.SECRETS_DIR.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert len(path.read_text().strip()) >= 44  # 32 random bytes at least, encoded
    assert stat.S_IMODE(settings.SECRETS_DIR.stat().st_mode) == 0o700
    pepper = (settings.SECRETS_DIR / "pepper").read_text()
    call_command("keys", "init")
    assert (settings.SECRETS_DIR / "pepper").read_text() == pepper
    # The key pairs were wrapped with the operator secret that init wrote.
    operator = (settings.SECRETS_DIR / "operator-secret").read_text().strip()
    assert keys.unlock_private_key(KeyPair.WORKER, operator)


@pytest.mark.django_db
def test_sqlite_overwrites_deleted_rows(settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("secure_delete is a SQLite setting; PostgreSQL's dead tuples are documented instead")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1

import os

import pytest

from farewell.vault.crypto import VaultError, new_data_key
from farewell.vault.stream import CHUNK, EncryptingWriter, decrypt_file


def encrypt(path, pieces, key, ad="file:1"):
    writer = EncryptingWriter(path, key, ad)
    for piece in pieces:
        writer.write(piece)
    writer.finish()
    return writer


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17])
def test_it_round_trips_any_size_in_any_pieces(tmp_path, size):
    data = os.urandom(size)
    key = new_data_key()
    pieces = [data[i : i + 1000] for i in range(0, size, 1000)] or [b""]
    writer = encrypt(tmp_path / "f", pieces, key)
    assert b"".join(decrypt_file(tmp_path / "f", key, "file:1")) == data
    assert writer.size == size
    import hashlib

    assert writer.sha256.hexdigest() == hashlib.sha256(data).hexdigest()


def test_the_file_holds_no_plaintext_and_only_its_owner_reads_it(tmp_path):
    encrypt(tmp_path / "f", [b"MARKER " * 20_000], new_data_key())
    assert b"MARKER" not in (tmp_path / "f").read_bytes()
    assert (tmp_path / "f").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) - 30],  # truncated inside the last chunk
        lambda data: data[: 1 + 24 + CHUNK + 17],  # cut after a whole chunk: no FINAL
        lambda data: data[:100] + bytes([data[100] ^ 1]) + data[101:],  # one bit flipped
        lambda data: data + b"x",  # trailing garbage
        lambda data: b"\x01" + data[1:],  # another format
    ],
)
def test_it_refuses_altered_or_truncated_files(tmp_path, damage):
    key = new_data_key()
    encrypt(tmp_path / "f", [os.urandom(2 * CHUNK + 5)], key)
    (tmp_path / "g").write_bytes(damage((tmp_path / "f").read_bytes()))
    with pytest.raises(VaultError):
        b"".join(decrypt_file(tmp_path / "g", key, "file:1"))


def test_another_key_or_item_cannot_open_it(tmp_path):
    key = new_data_key()
    encrypt(tmp_path / "f", [b"data"], key)
    with pytest.raises(VaultError):
        b"".join(decrypt_file(tmp_path / "f", new_data_key(), "file:1"))
    with pytest.raises(VaultError):
        b"".join(decrypt_file(tmp_path / "f", key, "file:2"))


def test_it_never_overwrites_an_existing_path(tmp_path):
    (tmp_path / "f").write_bytes(b"existing")
    with pytest.raises(FileExistsError):
        EncryptingWriter(tmp_path / "f", new_data_key(), "file:1")


def test_a_discarded_file_is_gone(tmp_path):
    writer = EncryptingWriter(tmp_path / "f", new_data_key(), "file:1")
    writer.write(b"partial")
    writer.discard()
    assert not (tmp_path / "f").exists()

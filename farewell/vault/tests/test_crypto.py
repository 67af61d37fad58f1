import pytest

from farewell.vault import crypto

CHEAP = crypto.KdfCost(time_cost=1, memory_kib=64)


def test_it_round_trips_an_item():
    key = crypto.new_data_key()
    sealed = crypto.encrypt("Игорь видел колонну".encode(), key, "case.story:1")
    assert crypto.decrypt(sealed, key, "case.story:1").decode() == "Игорь видел колонну"


def test_it_never_contains_the_plaintext():
    key = crypto.new_data_key()
    assert b"MARKER" not in crypto.encrypt(b"a MARKER inside", key, "p")


@pytest.mark.parametrize(
    "change",
    [
        lambda c, k, p: (c[:-1] + bytes([c[-1] ^ 1]), k, p),  # altered ciphertext
        lambda c, k, p: (c, crypto.new_data_key(), p),  # another key
        lambda c, k, p: (c, k, "case.story:2"),  # another item's associated data
        lambda c, k, p: (b"\x02" + c[1:], k, p),  # unknown format
    ],
)
def test_it_refuses_what_does_not_match(change):
    key = crypto.new_data_key()
    sealed = crypto.encrypt(b"text", key, "case.story:1")
    with pytest.raises(crypto.VaultError):
        crypto.decrypt(*change(sealed, key, "case.story:1"))


def test_it_wraps_data_keys_to_a_public_key_only_its_private_key_opens():
    public, private = crypto.new_key_pair()
    _other_public, other_private = crypto.new_key_pair()
    key = crypto.new_data_key()
    wrapped = crypto.wrap_to_public_key(key, public)
    assert crypto.unwrap_with_private_key(wrapped, private) == key
    with pytest.raises(crypto.VaultError):
        crypto.unwrap_with_private_key(wrapped, other_private)


def test_it_wraps_private_keys_with_a_secret():
    _public, private = crypto.new_key_pair()
    salt, wrapped = crypto.wrap_with_secret(private, b"operator secret", CHEAP)
    assert private not in wrapped
    assert crypto.unwrap_with_secret(wrapped, salt, b"operator secret", CHEAP) == private
    with pytest.raises(crypto.VaultError):
        crypto.unwrap_with_secret(wrapped, salt, b"wrong secret", CHEAP)

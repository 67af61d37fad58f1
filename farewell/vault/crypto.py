"""The cryptographic primitives the vault is built from (libsodium through PyNaCl; no Django).

- an item is encrypted with XChaCha20-Poly1305 under its own random 256-bit data key, with
  the item's purpose as associated data, so a ciphertext cannot be passed off as another kind;
- a data key is wrapped to an X25519 public key with a sealed box (anonymous sender);
- a private key at rest is wrapped with a key derived by argon2id from a secret.
"""

from __future__ import annotations

from dataclasses import dataclass

from nacl import bindings, pwhash, utils
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.secret import SecretBox

DATA_KEY_BYTES = bindings.crypto_aead_xchacha20poly1305_ietf_KEYBYTES
NONCE_BYTES = bindings.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
KDF_SALT_BYTES = pwhash.argon2id.SALTBYTES
FORMAT = b"\x01"  # version byte in front of every ciphertext


class VaultError(Exception):
    """Decryption failed: wrong key, or the ciphertext was altered."""


@dataclass(frozen=True)
class KdfCost:
    time_cost: int
    memory_kib: int


def new_data_key() -> bytes:
    return utils.random(DATA_KEY_BYTES)


def encrypt(plaintext: bytes, data_key: bytes, purpose: str) -> bytes:
    nonce = utils.random(NONCE_BYTES)
    body = bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, purpose.encode(), nonce, data_key)
    return FORMAT + nonce + body


def decrypt(ciphertext: bytes, data_key: bytes, purpose: str) -> bytes:
    if ciphertext[:1] != FORMAT:
        raise VaultError("unknown ciphertext format")
    nonce, body = ciphertext[1 : 1 + NONCE_BYTES], ciphertext[1 + NONCE_BYTES :]
    try:
        return bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(body, purpose.encode(), nonce, data_key)
    except CryptoError:
        raise VaultError("decryption failed") from None


def new_key_pair() -> tuple[bytes, bytes]:
    """(public, private) raw X25519 keys."""
    private = PrivateKey.generate()
    return bytes(private.public_key), bytes(private)


def wrap_to_public_key(data_key: bytes, public_key: bytes) -> bytes:
    return SealedBox(PublicKey(public_key)).encrypt(data_key)


def unwrap_with_private_key(wrapped: bytes, private_key: bytes) -> bytes:
    try:
        return SealedBox(PrivateKey(private_key)).decrypt(wrapped)
    except CryptoError:
        raise VaultError("this key cannot unwrap the data key") from None


def derive_key(secret: bytes, salt: bytes, cost: KdfCost) -> bytes:
    return pwhash.argon2id.kdf(
        SecretBox.KEY_SIZE, secret, salt, opslimit=cost.time_cost, memlimit=cost.memory_kib * 1024
    )


def wrap_with_secret(private_key: bytes, secret: bytes, cost: KdfCost) -> tuple[bytes, bytes]:
    """(salt, wrapped): private_key encrypted under a key derived from secret."""
    salt = utils.random(KDF_SALT_BYTES)
    return salt, bytes(SecretBox(derive_key(secret, salt, cost)).encrypt(private_key))


def unwrap_with_secret(wrapped: bytes, salt: bytes, secret: bytes, cost: KdfCost) -> bytes:
    try:
        return SecretBox(derive_key(secret, salt, cost)).decrypt(wrapped)
    except CryptoError:
        raise VaultError("wrong secret, or the wrapped key was altered") from None


def wrap_with_key(private_key: bytes, key: bytes) -> bytes:
    """private_key encrypted under a high-entropy key (no derivation needed)."""
    return bytes(SecretBox(key).encrypt(private_key))


def unwrap_with_key(wrapped: bytes, key: bytes) -> bytes:
    try:
        return SecretBox(key).decrypt(wrapped)
    except CryptoError:
        raise VaultError("wrong key, or the wrapped key was altered") from None


def seal_to_public_key(secret: bytes, public_key: bytes) -> bytes:
    """Any short secret (a private key) sealed to a public key; the same box as data keys."""
    return wrap_to_public_key(secret, public_key)

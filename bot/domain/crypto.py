"""Attachments at rest: AES-GCM with a key derived from the bot's secret and the ticket's UUID."""

from __future__ import annotations

import hashlib
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"TDA1"
NONCE_BYTES = 12
INFO = b"ticketdesk attachments v1"


class DecryptionError(ValueError):
    """The data was not encrypted with this key (or was changed)."""


def derive_key(secret: bytes, ticket_uuid: str) -> bytes:
    """A 256-bit key per ticket: HKDF-SHA256 over the bot's secret, salted with the ticket's UUID."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ticket_uuid.encode(), info=INFO).derive(secret)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def encrypt(key: bytes, data: bytes, associated: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return MAGIC + nonce + AESGCM(key).encrypt(nonce, data, associated)


def decrypt(key: bytes, blob: bytes, associated: bytes) -> bytes:
    if not blob.startswith(MAGIC):
        raise DecryptionError("not a TicketDesk attachment")
    nonce = blob[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
    try:
        return AESGCM(key).decrypt(nonce, blob[len(MAGIC) + NONCE_BYTES :], associated)
    except Exception as exc:  # cryptography raises InvalidTag
        raise DecryptionError("wrong key or damaged data") from exc

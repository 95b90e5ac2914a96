"""Encrypted attachment files on disk: one per ticket and content hash (deduplicated by SHA-256)."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

from bot.domain.crypto import decrypt, derive_key, encrypt, sha256

_HEX = re.compile(r"^[0-9a-f]{64}$")
_UUID = re.compile(r"^[0-9a-f-]{36}$")


class BlobStore:
    def __init__(self, root: Path, secret: bytes) -> None:
        self.root = root
        self._secret = secret

    def _dir(self, ticket_uuid: str) -> Path:
        if not _UUID.match(ticket_uuid):
            raise ValueError("not a ticket uuid")
        return self.root / ticket_uuid

    def path(self, ticket_uuid: str, digest: str) -> Path:
        if not _HEX.match(digest):
            raise ValueError("not a sha256 digest")
        return self._dir(ticket_uuid) / f"{digest}.bin"

    def put(self, ticket_uuid: str, data: bytes) -> tuple[str, bool]:
        """Store ``data`` encrypted; returns (sha256, newly written). Same content is stored once."""
        digest = sha256(data)
        target = self.path(ticket_uuid, digest)
        if target.exists():
            return digest, False
        target.parent.mkdir(parents=True, exist_ok=True)
        key = derive_key(self._secret, ticket_uuid)
        temporary = target.with_suffix(f".tmp{os.getpid()}")
        temporary.write_bytes(encrypt(key, data, digest.encode()))
        os.replace(temporary, target)
        return digest, True

    def get(self, ticket_uuid: str, digest: str) -> bytes:
        key = derive_key(self._secret, ticket_uuid)
        return decrypt(key, self.path(ticket_uuid, digest).read_bytes(), digest.encode())

    def remove(self, ticket_uuid: str, digest: str) -> None:
        """Remove a file, and the ticket's folder when it was its last."""
        path = self.path(ticket_uuid, digest)
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            path.parent.rmdir()

"""Password-sealed backup files: AES-256-GCM with a key derived by scrypt from the password.

Layout: MAGIC, 16 bytes of salt, 12 bytes of nonce, then the ciphertext with its tag. The
whole database is sealed in one piece (GCM authenticates it as a whole: a wrong password or
a changed byte is refused, never half-decrypted)."""

from __future__ import annotations

import os
from pathlib import Path

from helpdesk.errors import UsageError

MAGIC = b"HELPDESK-SEALED-BACKUP-1\n"


def _key(password: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(password.encode("utf-8"))


def is_sealed(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def seal(data: bytes, password: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    return MAGIC + salt + nonce + AESGCM(_key(password, salt)).encrypt(nonce, data, MAGIC)


def unseal(data: bytes, password: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM


    if not data.startswith(MAGIC):
        raise UsageError("backup.not_sealed")
    body = data[len(MAGIC):]
    salt, nonce, sealed = body[:16], body[16:28], body[28:]
    try:
        return AESGCM(_key(password, salt)).decrypt(nonce, sealed, MAGIC)
    except InvalidTag:
        raise UsageError("backup.wrong_password") from None

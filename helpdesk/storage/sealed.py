"""Password-sealed backup files: AES-256-GCM with a key derived by scrypt from the password.

Layout: MAGIC, 16 bytes of salt, 12 bytes of nonce, the ciphertext, then GCM's 16-byte tag.
Sealing and unsealing stream in chunks (a province database does not fit in memory twice);
GCM authenticates the whole: an unsealed file is trusted only once its tag has matched, so
a wrong password or a changed byte leaves no file behind."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import BinaryIO

from helpdesk.errors import UsageError

MAGIC = b"HELPDESK-SEALED-BACKUP-1\n"
_TAG = 16
_CHUNK = 1 << 20


def _key(password: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(password.encode("utf-8"))


def is_sealed(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def seal_stream(source: BinaryIO, target: BinaryIO, password: str) -> None:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    salt, nonce = os.urandom(16), os.urandom(12)
    encryptor = Cipher(algorithms.AES(_key(password, salt)), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(MAGIC)
    target.write(MAGIC + salt + nonce)
    while chunk := source.read(_CHUNK):
        target.write(encryptor.update(chunk))
    target.write(encryptor.finalize())
    target.write(encryptor.tag)


def unseal_stream(source: BinaryIO, size: int, target: BinaryIO, password: str) -> None:
    """Write the plain bytes to `target`; raises (and the caller discards `target`) unless
    the tag matches at the end."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    if source.read(len(MAGIC)) != MAGIC:
        raise UsageError("backup.not_sealed")
    salt, nonce = source.read(16), source.read(12)
    remaining = size - len(MAGIC) - 28 - _TAG
    if remaining < 0:
        raise UsageError("backup.wrong_password")
    decryptor = Cipher(algorithms.AES(_key(password, salt)), modes.GCM(nonce)).decryptor()
    decryptor.authenticate_additional_data(MAGIC)
    while remaining:
        chunk = source.read(min(_CHUNK, remaining))
        if not chunk:
            raise UsageError("backup.wrong_password")
        remaining -= len(chunk)
        target.write(decryptor.update(chunk))
    tag = source.read(_TAG)
    try:
        decryptor.finalize_with_tag(tag)
    except (InvalidTag, ValueError):
        raise UsageError("backup.wrong_password") from None


def seal(data: bytes, password: str) -> bytes:
    out = io.BytesIO()
    seal_stream(io.BytesIO(data), out, password)
    return out.getvalue()


def unseal(data: bytes, password: str) -> bytes:
    out = io.BytesIO()
    unseal_stream(io.BytesIO(data), len(data), out, password)
    return out.getvalue()

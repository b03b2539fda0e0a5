"""Password-protected Office files (the contract: files holding the bureau's information are
password-protected). ECMA-376 agile encryption via msoffcrypto-tool, imported lazily; every
encrypted file is decrypted again and compared before it is trusted."""

from __future__ import annotations

import io

from helpdesk.errors import UsageError

MIN_PASSWORD_LENGTH = 8


class EncryptionCheckFailed(RuntimeError):
    pass


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UsageError("err.common.password_too_short", min_password_length=MIN_PASSWORD_LENGTH)
    return password


def decrypt(data: bytes, password: str) -> bytes:
    import msoffcrypto

    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    office.load_key(password=password)
    out = io.BytesIO()
    office.decrypt(out)
    return out.getvalue()


def encrypt(plain: bytes, password: str) -> bytes:
    """The encrypted file; raises EncryptionCheckFailed unless it decrypts back to `plain`."""
    from msoffcrypto.format.ooxml import OOXMLFile

    check_password(password)
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, out)
    data = out.getvalue()
    if decrypt(data, password) != plain:
        raise EncryptionCheckFailed("the encrypted file did not decrypt to what was written")
    return data


def is_encrypted(data: bytes) -> bool:
    import msoffcrypto

    try:
        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except Exception:  # not an OLE/OOXML container at all
        return False

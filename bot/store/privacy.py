"""Privacy helpers: scrub contact details from text, hash Telegram users with a kept secret.

Nothing here knows Telegram or SQLite; storage and logging call these before writing.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
from pathlib import Path

SECRET_ENV = "BOT_HASH_SECRET"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Vietnamese mobile and landline numbers: 0 or (+)84, then 8-10 digits, separators allowed.
_PHONE = re.compile(r"(?<!\d)(?:\+84|84|0)(?:[\s.-]?\d){8,10}(?!\d)")
# CCCD (12 digits) and CMND (9 digits), contiguous or in groups of three. CCCD goes before
# phones (its first nine digits can look like one), CMND after (a phone can contain nine).
_CCCD = re.compile(r"(?<!\d)(?:\d{12}|\d{3}(?:[\s.-]\d{3}){3})(?!\d)")
_CMND = re.compile(r"(?<!\d)(?:\d{9}|\d{3}(?:[\s.-]\d{3}){2})(?!\d)")

EMAIL_MARK = "[email]"
PHONE_MARK = "[số điện thoại]"
ID_MARK = "[số giấy tờ]"


def scrub(text: str) -> str:
    """Replace e-mail addresses, phone numbers and ID-card numbers with a neutral mark."""
    text = _EMAIL.sub(EMAIL_MARK, text)
    text = _CCCD.sub(ID_MARK, text)
    text = _PHONE.sub(PHONE_MARK, text)
    return _CMND.sub(ID_MARK, text)


def load_secret(path: Path) -> bytes:
    """The hashing key: env BOT_HASH_SECRET, else a file created once, for its owner only.

    OSError if the file cannot be created or read, or is empty (never hash with no key).
    """
    from_env = os.environ.get(SECRET_ENV, "").strip()
    if from_env:
        return from_env.encode("utf-8")
    path = path.expanduser()
    if not path.exists():
        _create_secret(path)
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        path.chmod(0o600)  # copied or restored with loose permissions: owner only again
    secret = path.read_text(encoding="ascii").strip()
    if not secret:
        raise OSError(f"{path} is empty; delete it and a new secret is generated")
    return secret.encode("ascii")


def _create_secret(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it between the check and here
        return
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(32) + "\n")


def hash_user(secret: bytes, user_id: int) -> str:
    """A stable pseudonym for a Telegram user: HMAC-SHA256 of the id, hex."""
    return hmac.new(secret, f"telegram-user:{user_id}".encode("ascii"), hashlib.sha256).hexdigest()

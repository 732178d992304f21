"""One-time codes of the electronic desk (کد یکبار مصرف).

Public functions:
- ``new_code(randbelow=secrets.randbelow, length=CODE_LENGTH)``: a new code of ``length`` decimal digits (str).
- ``new_token()``: a random URL-safe token (the browser session's key to a code, a completion link…).
- ``digest(secret, value)``: HMAC-SHA256 hex digest of ``value`` keyed by ``secret`` (what is stored: never the code
  or the token itself).
- ``matches(secret, value, stored)``: constant-time comparison of ``digest(secret, value)`` with ``stored``.
"""

import hashlib
import hmac
import secrets

CODE_LENGTH = 6


def new_code(randbelow=secrets.randbelow, length=CODE_LENGTH):
    """Return ``length`` random decimal digits (leading zeros allowed)."""
    return "".join(str(randbelow(10)) for _i in range(length))


def new_token():
    """Return a random URL-safe token (32 bytes of entropy)."""
    return secrets.token_urlsafe(32)


def digest(secret, value):
    """HMAC-SHA256 of ``value`` (str) keyed by ``secret`` (str), as hex."""
    return hmac.new(str(secret).encode(), str(value).encode(), hashlib.sha256).hexdigest()


def matches(secret, value, stored):
    """True when ``value`` hashes to ``stored`` (constant time)."""
    if not stored or value is None:
        return False
    return hmac.compare_digest(digest(secret, value), str(stored))

"""What a citizen may upload to the electronic desk: PDF, JPEG and PNG scans, checked by content.

The type is the one the *content* shows (``guess`` is Odoo's ``guess_mimetype``, passed in so this module stays
pure); the file name's extension must agree with it, so an ``.exe`` renamed ``.pdf`` is refused.

Public functions:
- ``check(data, filename, guess, max_bytes)``: ``None`` when the file is acceptable, else an error key
  (``"empty"``, ``"too_large"``, ``"type"``, ``"extension"``) the caller turns into a message.
- ``safe_name(filename)``: the file name without any directory part, bounded in length.

Constants: ``ALLOWED`` (mimetype → accepted extensions), ``DEFAULT_MAX_BYTES``.
"""

import os
import re

ALLOWED = {
    "application/pdf": (".pdf",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/png": (".png",),
}
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_UNSAFE = re.compile(r"[\x00-\x1f\\/:*?\"<>|]+")


def safe_name(filename):
    """``filename`` without directories or control characters, at most 120 characters (``"document"`` if empty)."""
    name = os.path.basename(str(filename or "").replace("\\", "/"))
    name = _UNSAFE.sub("_", name).strip(" .")
    if len(name) > 120:
        root, ext = os.path.splitext(name)
        name = root[: 120 - len(ext)] + ext
    return name or "document"


def check(data, filename, guess, max_bytes=DEFAULT_MAX_BYTES):
    """Return ``None`` if ``data`` (bytes) named ``filename`` may be stored, else an error key."""
    if not data:
        return "empty"
    if len(data) > max_bytes:
        return "too_large"
    mimetype = guess(data[:4096] if len(data) > 4096 else data) or ""
    if mimetype not in ALLOWED:
        return "type"
    ext = os.path.splitext(str(filename or "").lower())[1]
    if ext not in ALLOWED[mimetype]:
        return "extension"
    return None

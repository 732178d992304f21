"""Tracking codes for service-desk requests (کد رهگیری).

A code is ``BODY_LENGTH`` random decimal digits followed by one Damm check digit. Decimal digits are what a
citizen can read out on the phone or type on any keypad (Persian or Latin); the Damm check digit catches every
single-digit typo and every swap of two adjacent digits, so the tracking page can tell "mistyped" from "unknown"
without looking anything up. Ten random digits (10^10) are unguessable for a public page that shows status only.

Public functions:
- ``generate(randbelow=secrets.randbelow)``: a new code (str of ``BODY_LENGTH + 1`` digits, never starting with 0).
- ``check_digit(body)``: the Damm check digit of a string of digits.
- ``is_valid(code)``: True when ``code`` (after ``normalize``) has the right length and check digit.
- ``normalize(code)``: Persian/Arabic digits → Latin, spaces and dashes removed.
- ``format_code(code)``: groups of digits separated by dashes for print (``12345-67890-1``).
- ``normalize_typed(text)``: what a clerk or a QR scanner typed into a search box (a printed code with dashes, Persian
  digits, or the tracking URL of the receipt's QR code) as the raw digits to search, or ``""`` if it is not a code.
"""

import secrets

BODY_LENGTH = 10
CODE_LENGTH = BODY_LENGTH + 1

# Damm's totally anti-symmetric quasigroup of order 10.
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

_TO_LATIN = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)


def _interim(digits):
    interim = 0
    for char in digits:
        interim = _DAMM[interim][int(char)]
    return interim


def check_digit(body):
    """Return the Damm check digit (a one-character str) of ``body``, a non-empty string of decimal digits."""
    if not body or not str(body).isdigit() or not str(body).isascii():
        raise ValueError(f"not a string of digits: {body!r}")
    return str(_interim(str(body)))


def normalize(code):
    """Return ``code`` with Persian/Arabic digits made Latin and spaces/dashes removed (``None`` → ``""``)."""
    if not code:
        return ""
    return "".join(str(code).translate(_TO_LATIN).split()).replace("-", "").replace("_", "")


def is_valid(code):
    """True when ``code`` has ``CODE_LENGTH`` digits and a correct check digit."""
    code = normalize(code)
    return len(code) == CODE_LENGTH and code.isascii() and code.isdigit() and _interim(code) == 0


def generate(randbelow=secrets.randbelow):
    """Return a new random tracking code; ``randbelow(n)`` gives an int in ``[0, n)`` (default: ``secrets``)."""
    first = str(1 + randbelow(9))
    body = first + "".join(str(randbelow(10)) for _i in range(BODY_LENGTH - 1))
    return body + check_digit(body)


def format_code(code):
    """Return ``code`` grouped for print, e.g. ``"12345678901"`` → ``"12345-67890-1"``."""
    code = normalize(code)
    return "-".join(code[i : i + 5] for i in range(0, len(code), 5))


def normalize_typed(text):
    """Return the digits to search for ``text`` typed into a search box, or ``""`` when it holds no code.

    ``"40458-96627-8"``, ``"۴۰۴۵۸-۹۶۶۲۷-۸"``, ``"40458966278"`` and the receipt QR's URL
    ``"https://…/miz/track/40458966278"`` all give ``"40458966278"``. Partial codes (at least 3 digits) are kept, so
    a clerk may type the beginning of a code.
    """
    if not text:
        return ""
    text = str(text).strip()
    if "/" in text:
        text = text.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
    code = normalize(text)
    return code if len(code) >= 3 and code.isascii() and code.isdigit() else ""

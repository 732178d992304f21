"""Iranian identifiers and Persian text normalisation — no Odoo import.

Public functions (every ``ValueError`` message is English; Odoo code wraps it in a translated Persian message):
- ``clean_digits(value)``: Persian/Arabic digits → Latin, spaces, dashes, dots and RTL marks removed.
- ``normalize_national_code(value, pad=False) -> str`` / ``is_valid_national_code(value, pad=False) -> bool``:
  کد ملی, 10 digits with its mod-11 check digit.
- ``normalize_national_id(value) -> str`` / ``is_valid_national_id(value) -> bool``: شناسه ملی of legal entities,
  11 digits with its weighted mod-11 check digit.
- ``normalize_mobile(value) -> '09xxxxxxxxx'`` / ``is_valid_mobile(value) -> bool``.
- ``normalize_postal_code(value) -> str`` / ``is_valid_postal_code(value) -> bool``: کد پستی, 10 digits.
- ``normalize_text(value, latin_digits=True) -> str``: Arabic ي ى ك → Persian ی ک, digits → Latin, spaces and
  ZWNJ tidied.
"""

import re

from .digits import TO_LATIN

_SEPARATORS = dict.fromkeys(map(ord, " \t\n\r\u00a0\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e-_./()"))
_NATIONAL_ID_WEIGHTS = (29, 27, 23, 19, 17, 29, 27, 23, 19, 17)


def clean_digits(value):
    """``value`` as text with Latin digits and without spaces, dashes, dots, parentheses or direction marks."""
    if value is None or value is False:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"Expected text, got {type(value).__name__}")
    return value.translate(TO_LATIN).translate(_SEPARATORS)


# ---------------------------------------------------------------------------------------------- national code
def normalize_national_code(value, pad=False):
    """The 10-digit national code (کد ملی) of ``value``; ``ValueError`` when it is not a valid one.

    Rules: 10 digits after normalisation (Persian/Arabic digits, spaces and dashes accepted); not all ten digits
    the same; the six digits after the 3-digit issuing-office prefix are not all zero; check digit:
    ``s = Σ d[i]·(10 − i)`` for i = 0..8, ``r = s mod 11``; the 10th digit equals ``r`` if ``r < 2`` else ``11 − r``.

    ``pad=True`` applies the classic rule for codes that lost their leading zeros (spreadsheets, integers):
    8- or 9-digit inputs are left-padded with zeros to 10 digits before checking. It is off by default so that a
    mistyped short code is rejected instead of silently padded.
    """
    code = clean_digits(value)
    if not code:
        raise ValueError("The national code is empty")
    if not code.isdigit() or not code.isascii():
        raise ValueError(f"A national code contains only digits: {value!r}")
    if pad and len(code) in (8, 9):
        code = code.zfill(10)
    if len(code) != 10:
        raise ValueError(f"A national code has 10 digits, got {len(code)}: {value!r}")
    if len(set(code)) == 1:
        raise ValueError(f"A national code cannot repeat one digit ten times: {value!r}")
    if code[3:9] == "000000":
        raise ValueError(f"Invalid national code (zero serial): {value!r}")
    total = sum(int(code[i]) * (10 - i) for i in range(9))
    remainder = total % 11
    expected = remainder if remainder < 2 else 11 - remainder
    if int(code[9]) != expected:
        raise ValueError(f"Invalid national code (wrong check digit): {value!r}")
    return code


def is_valid_national_code(value, pad=False):
    """True when ``value`` is a valid national code (see ``normalize_national_code``)."""
    try:
        normalize_national_code(value, pad=pad)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------------------------- national ID
def normalize_national_id(value):
    """The 11-digit national ID (شناسه ملی) of a legal entity; ``ValueError`` when it is not a valid one.

    Published algorithm: ``t = d[9] + 2`` (the 10th digit, "tens" digit of the checksum, plus 2);
    ``s = Σ (d[i] + t)·w[i]`` for i = 0..9 with ``w = 29, 27, 23, 19, 17, 29, 27, 23, 19, 17``;
    ``r = s mod 11`` (10 counts as 0); the 11th digit equals ``r``. All-same-digit IDs and IDs whose digits 4..9
    are all zero are rejected.
    """
    code = clean_digits(value)
    if not code:
        raise ValueError("The national ID is empty")
    if not code.isdigit() or not code.isascii():
        raise ValueError(f"A national ID contains only digits: {value!r}")
    if len(code) != 11:
        raise ValueError(f"A national ID has 11 digits, got {len(code)}: {value!r}")
    if len(set(code)) == 1:
        raise ValueError(f"A national ID cannot repeat one digit eleven times: {value!r}")
    if code[3:9] == "000000":
        raise ValueError(f"Invalid national ID (zero serial): {value!r}")
    tens = int(code[9]) + 2
    total = sum((int(code[i]) + tens) * weight for i, weight in enumerate(_NATIONAL_ID_WEIGHTS))
    remainder = total % 11
    if remainder == 10:
        remainder = 0
    if int(code[10]) != remainder:
        raise ValueError(f"Invalid national ID (wrong check digit): {value!r}")
    return code


def is_valid_national_id(value):
    """True when ``value`` is a valid legal-entity national ID (see ``normalize_national_id``)."""
    try:
        normalize_national_id(value)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------------------------- mobile
_MOBILE_RE = re.compile(r"^09\d{9}$")


def normalize_mobile(value):
    """Iranian mobile number as ``09xxxxxxxxx``.

    Accepts ``+98 912 345 6789``, ``0098-912-3456789``, ``989123456789``, ``9123456789``, ``09123456789`` and the
    same in Persian/Arabic digits. ``ValueError`` when the result is not ``09`` followed by 9 digits.
    """
    number = clean_digits(value)
    if not number:
        raise ValueError("The mobile number is empty")
    if number.startswith("+"):
        number = number[1:]
        if not number.startswith("98"):
            raise ValueError(f"Not an Iranian mobile number (country code must be +98): {value!r}")
        number = number[2:]
    elif number.startswith("0098"):
        number = number[4:]
    elif number.startswith("98") and len(number) == 12:
        number = number[2:]
    if len(number) == 10 and number.startswith("9"):
        number = "0" + number
    if not number.isascii() or not _MOBILE_RE.match(number):
        raise ValueError(f"Not an Iranian mobile number (expected 09xxxxxxxxx): {value!r}")
    return number


def is_valid_mobile(value):
    """True when ``value`` normalises to an Iranian mobile number."""
    try:
        normalize_mobile(value)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------------------------- postal code
_POSTAL_RE = re.compile(r"^[13-9]{5}\d{5}$")


def normalize_postal_code(value):
    """The 10-digit postal code (کد پستی); ``ValueError`` when it cannot be one.

    Rule (Iran Post): 10 digits; the first five (the postal district) never use the digits 0 and 2, which are
    too easily misread for 5 and 3 in handwriting; so a code never starts with 0. Codes repeating one digit ten
    times are rejected. Spaces and the usual ``12345-67891`` dash are accepted.
    """
    code = clean_digits(value)
    if not code:
        raise ValueError("The postal code is empty")
    if not code.isascii() or not code.isdigit() or len(code) != 10:
        raise ValueError(f"A postal code has 10 digits: {value!r}")
    if len(set(code)) == 1:
        raise ValueError(f"A postal code cannot repeat one digit ten times: {value!r}")
    if not _POSTAL_RE.match(code):
        raise ValueError(f"Invalid postal code (digits 0 and 2 are not used in the first five): {value!r}")
    return code


def is_valid_postal_code(value):
    """True when ``value`` is a plausible Iranian postal code (see ``normalize_postal_code``)."""
    try:
        normalize_postal_code(value)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------------------------- text
ZWNJ = "\u200c"
_ARABIC_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})
_HSPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ZWNJ_EDGE_RE = re.compile(r" *\u200c+ *")


def normalize_text(value, latin_digits=True):
    """Persian text normalised for storage and search.

    - Arabic Yeh ``ي`` and Alef Maksura ``ى`` → Persian ``ی``; Arabic Kaf ``ك`` → ``ک`` (``ة`` is kept);
    - Persian ``۰-۹`` and Arabic ``٠-٩`` digits → ``0-9`` (``latin_digits=False`` keeps them);
    - runs of spaces/tabs/NBSP → one space, lines stripped, leading/trailing blank text removed;
    - ZWNJ (نیم‌فاصله): runs collapsed to one, spaces around it removed, dropped at the start/end of a line.
    ``None``/``False`` give ``""``.
    """
    if value is None or value is False:
        return ""
    text = str(value).translate(_ARABIC_LETTERS)
    if latin_digits:
        text = text.translate(TO_LATIN)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in text.split("\n"):
        line = _HSPACE_RE.sub(" ", line)
        # Spaces around a ZWNJ are typing slips: "می \u200c روم" → "می\u200cروم".
        line = _ZWNJ_EDGE_RE.sub(ZWNJ, line)
        lines.append(line.strip(" " + ZWNJ))
    return "\n".join(lines).strip("\n")

"""Persian/Arabic ⇄ Latin digits.

Public functions:
- ``to_persian_digits(value)``: str/int → str with Latin (and Arabic-Indic) digits replaced by Persian ``۰-۹``.
- ``to_latin_digits(value)``: str → str with Persian ``۰-۹`` and Arabic-Indic ``٠-٩`` digits replaced by ``0-9``.

Constants: ``PERSIAN_DIGITS``, ``ARABIC_DIGITS``, ``LATIN_DIGITS`` and the ``str.translate`` tables
``TO_PERSIAN`` / ``TO_LATIN``.
"""

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)
TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)


def to_persian_digits(value):
    """Return ``value`` (str, int or anything ``str()`` accepts) with every digit written in Persian.

    ``None``/``False`` give ``""`` so the helper is safe on empty Odoo fields.
    """
    if value is None or value is False:
        return ""
    return str(value).translate(TO_PERSIAN)


def to_latin_digits(value):
    """Return ``value`` with Persian and Arabic-Indic digits replaced by ASCII digits (``None``/``False`` → ``""``)."""
    if value is None or value is False:
        return ""
    return str(value).translate(TO_LATIN)

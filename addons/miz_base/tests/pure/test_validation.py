"""Plain-pytest tests of miz_base/tools/validation.py and digits.py (no Odoo, no database)."""

import pytest
from miz_base_tools import digits, validation

# ---------------------------------------------------------------------------------------------- digits


def test_digits():
    assert digits.to_persian_digits("1405/01/15") == "۱۴۰۵/۰۱/۱۵"
    assert digits.to_persian_digits(2025) == "۲۰۲۵"
    assert digits.to_persian_digits("٣ و 4") == "۳ و ۴"
    assert digits.to_latin_digits("۱۴۰۵/۰۱/۱۵") == "1405/01/15"
    assert digits.to_latin_digits("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹") == "0123456789 0123456789"
    assert digits.to_latin_digits(None) == digits.to_persian_digits(False) == ""


# ---------------------------------------------------------------------------------------------- national code
# 0499370899: s = 0·10+4·9+9·8+9·7+3·6+7·5+0·4+8·3+9·2 = 266, 266 mod 11 = 2 → check 11−2 = 9.
# 1234567891: s = 210, 210 mod 11 = 1 (< 2) → check 1.
# 1234567830: s = 198, 198 mod 11 = 0 (< 2) → check 0.
VALID_CODES = ["0499370899", "1234567891", "1234567830", "0013542419", "0067749828"]


@pytest.mark.parametrize("code", VALID_CODES)
def test_valid_national_codes(code):
    assert validation.is_valid_national_code(code)
    assert validation.normalize_national_code(code) == code


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("۰۴۹۹۳۷۰۸۹۹", "0499370899"),
        ("٠٤٩٩٣٧٠٨٩٩", "0499370899"),
        ("049-937089-9", "0499370899"),
        (" 049 937 0899 ", "0499370899"),
    ],
)
def test_national_code_normalisation(value, expected):
    assert validation.normalize_national_code(value) == expected


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("0499370898", "check digit"),
        ("1234567890", "check digit"),  # remainder 1 needs check digit 1, not 11 − 1
        ("1234567831", "check digit"),  # remainder 0 needs check digit 0
        ("1111111111", "repeat"),
        ("0000000000", "repeat"),
        ("9999999999", "repeat"),
        ("1230000001", "zero serial"),
        ("049937089", "10 digits"),
        ("04993708990", "10 digits"),
        ("04993708a9", "only digits"),
        ("", "empty"),
        (None, "empty"),
    ],
)
def test_invalid_national_codes(code, message):
    assert not validation.is_valid_national_code(code)
    with pytest.raises(ValueError, match=message):
        validation.normalize_national_code(code)


def test_all_same_digit_codes_are_rejected_even_when_their_checksum_matches():
    # s = 54·d ≡ −d (mod 11), so the check digit rule gives 11 − (11 − d) = d (and 0 for d = 0): every
    # repeated-digit code passes the checksum; only the explicit rule rejects them.
    for d in range(10):
        remainder = (54 * d) % 11
        assert (remainder if remainder < 2 else 11 - remainder) == d
        assert not validation.is_valid_national_code(str(d) * 10)


def test_national_code_padding_is_opt_in():
    # 0013542419 typed in a spreadsheet loses its leading zeros
    assert not validation.is_valid_national_code("13542419")
    assert validation.normalize_national_code("13542419", pad=True) == "0013542419"
    assert validation.normalize_national_code(499370899, pad=True) == "0499370899"
    assert not validation.is_valid_national_code("1354241", pad=True)  # 7 digits are never padded


# ---------------------------------------------------------------------------------------------- national ID
# 10380284790: t = 9+2 = 11; Σ (d+11)·w = 3432 = 312·11 → remainder 0 = last digit.
# 10380284700: t = 0+2 = 2;  Σ (d+2)·w = 1209, 1209 mod 11 = 10 → counts as 0 = last digit.
@pytest.mark.parametrize("code", ["10380284790", "10380284700", "۱۰۳۸۰۲۸۴۷۹۰", "103-8028-4790"])
def test_valid_national_ids(code):
    assert validation.is_valid_national_id(code)
    assert validation.normalize_national_id(code) in ("10380284790", "10380284700")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("10380284791", "check digit"),
        ("10380284701", "check digit"),  # remainder 10 means check digit 0, not 1
        ("10380284780", "check digit"),
        ("1038028479", "11 digits"),
        ("103802847900", "11 digits"),
        ("0499370899", "11 digits"),  # a personal national code is not a legal-entity ID
        ("11111111111", "repeat"),
        ("00000000000", "repeat"),
        ("10100000030", "zero serial"),
        ("1038028479x", "only digits"),
        ("", "empty"),
    ],
)
def test_invalid_national_ids(code, message):
    assert not validation.is_valid_national_id(code)
    with pytest.raises(ValueError, match=message):
        validation.normalize_national_id(code)


# ---------------------------------------------------------------------------------------------- mobile
@pytest.mark.parametrize(
    "value",
    [
        "09123456789",
        "9123456789",
        "989123456789",
        "+989123456789",
        "00989123456789",
        "+98 912 345 6789",
        "+98 (912) 345-67-89",
        "0912-345-6789",
        "۰۹۱۲۳۴۵۶۷۸۹",
        "+۹۸۹۱۲۳۴۵۶۷۸۹",
        "٠٩١٢٣٤٥٦٧٨٩",
        " 0912 345 6789 ",
        9123456789,
    ],
)
def test_normalize_mobile(value):
    assert validation.normalize_mobile(value) == "09123456789"
    assert validation.is_valid_mobile(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        None,
        "0912345678",  # 10 digits with 0
        "091234567890",  # 12 digits
        "02112345678",  # Tehran landline
        "+19123456789",  # not Iran
        "+98 21 1234 5678",  # Iranian landline
        "98912345678",  # 11 digits starting with 98 is not 98 + 9xxxxxxxxx
        "0912345678a",
        "912345678",
    ],
)
def test_normalize_mobile_rejects(value):
    assert not validation.is_valid_mobile(value)
    with pytest.raises(ValueError):
        validation.normalize_mobile(value)


# ---------------------------------------------------------------------------------------------- postal code
@pytest.mark.parametrize(
    ("value", "expected"),
    [("1193653471", "1193653471"), ("۱۱۹۳۶-۵۳۴۷۱", "1193653471"), ("33543 55599", "3354355599")],
)
def test_valid_postal_codes(value, expected):
    assert validation.normalize_postal_code(value) == expected
    assert validation.is_valid_postal_code(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0193653471", "first five"),  # leading 0
        ("1203653471", "first five"),  # 0 and 2 in the first five
        ("1193253471", "first five"),
        ("1111111111", "repeat"),
        ("119365347", "10 digits"),
        ("11936534711", "10 digits"),
        ("11936x5347", "10 digits"),
        ("", "empty"),
    ],
)
def test_invalid_postal_codes(value, message):
    assert not validation.is_valid_postal_code(value)
    with pytest.raises(ValueError, match=message):
        validation.normalize_postal_code(value)


# ---------------------------------------------------------------------------------------------- text
ZWNJ = "\u200c"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("علي", "علی"),
        ("موسى", "موسی"),
        ("كريم", "کریم"),
        ("مدرسة", "مدرسة"),  # ة is kept
        ("نامه ۱۲۳ و ٤٥٦", "نامه 123 و 456"),
        ("  سلام    دنیا\t!  ", "سلام دنیا !"),
        ("سلام\u00a0دنیا", "سلام دنیا"),
        (f"می{ZWNJ}{ZWNJ}روم", f"می{ZWNJ}روم"),
        (f"می {ZWNJ} روم", f"می{ZWNJ}روم"),
        (f"می{ZWNJ} روم", f"می{ZWNJ}روم"),
        (f"{ZWNJ}کتاب{ZWNJ}", "کتاب"),
        (f"کتاب{ZWNJ} ", "کتاب"),
        ("خط اول  \n  خط دوم ", "خط اول\nخط دوم"),
        (None, ""),
    ],
)
def test_normalize_text(value, expected):
    assert validation.normalize_text(value) == expected


def test_normalize_text_can_keep_persian_digits():
    assert validation.normalize_text("شماره ۱۲ كلاس", latin_digits=False) == "شماره ۱۲ کلاس"

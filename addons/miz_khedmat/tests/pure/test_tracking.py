import random

import pytest
from miz_khedmat_tools import tracking


def test_known_damm_check_digit():
    # Reference example of the Damm algorithm: 572 → check digit 4.
    assert tracking.check_digit("572") == "4"
    assert tracking.is_valid("5724".rjust(tracking.CODE_LENGTH, "0")) is True


def test_generated_codes_are_valid_short_and_distinct():
    codes = {tracking.generate() for _i in range(2000)}
    assert len(codes) == 2000
    for code in codes:
        assert len(code) == tracking.CODE_LENGTH == 11
        assert code.isdigit() and code[0] != "0"
        assert tracking.is_valid(code)


def test_generate_uses_given_random_source():
    rng = random.Random(7)
    a = tracking.generate(rng.randrange)
    rng = random.Random(7)
    assert tracking.generate(rng.randrange) == a


def test_every_single_digit_typo_is_detected():
    code = tracking.generate(random.Random(1).randrange)
    for pos in range(len(code)):
        for digit in "0123456789":
            if digit != code[pos]:
                typo = code[:pos] + digit + code[pos + 1 :]
                assert not tracking.is_valid(typo), typo


def test_every_adjacent_swap_is_detected():
    code = tracking.generate(random.Random(3).randrange)
    for pos in range(len(code) - 1):
        if code[pos] != code[pos + 1]:
            swapped = code[:pos] + code[pos + 1] + code[pos] + code[pos + 2 :]
            assert not tracking.is_valid(swapped), swapped


def test_normalize_and_persian_digits():
    code = tracking.generate(random.Random(5).randrange)
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert tracking.normalize(persian) == code
    assert tracking.is_valid(tracking.format_code(code))
    assert tracking.format_code(code) == f"{code[:5]}-{code[5:10]}-{code[10]}"
    assert tracking.is_valid(" " + persian + " ")


@pytest.mark.parametrize("bad", ["", None, "abc", "123", "1234567890a", "12345678901234"])
def test_invalid_inputs(bad):
    assert tracking.is_valid(bad) is False


def test_check_digit_rejects_non_digits():
    with pytest.raises(ValueError):
        tracking.check_digit("12a")
    with pytest.raises(ValueError):
        tracking.check_digit("")


@pytest.mark.parametrize(
    "typed",
    [
        "40458-96627-8",
        "۴۰۴۵۸-۹۶۶۲۷-۸",
        "40458966278",
        " ٤٠٤٥٨ ٩٦٦٢٧ ٨ ",
        "https://desk.example.ir/miz/track/40458966278",
        "http://localhost:8069/miz/track/40458966278/",
    ],
)
def test_normalize_typed_finds_the_code_in_any_printed_form(typed):
    assert tracking.normalize_typed(typed) == "40458966278"


@pytest.mark.parametrize("typed", ["", None, "مریم", "12", "abc-def", "https://desk.example.ir/web"])
def test_normalize_typed_ignores_what_is_not_a_code(typed):
    assert tracking.normalize_typed(typed) == ""

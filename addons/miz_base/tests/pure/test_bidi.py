"""Plain-pytest tests of miz_base/tools/bidi.py: the right-to-left tokeniser for wkhtmltopdf (no Odoo)."""

import pytest
from markupsafe import Markup
from miz_base_tools import bidi

LTR = '<span class="o_miz_ltr" dir="ltr">{}</span>'
W = '<span class="o_miz_w">{}</span>'
P = '<span class="o_miz_p">{}</span>'
NUM = '<span class="o_miz_num" dir="ltr">{}</span>'
ZWNJ = "\u200c"
MARK = '<bdo class="o_miz_zwnj" dir="rtl">\ue20c</bdo>'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("نامه", [("w", "نامه")]),
        # a Latin run keeps its inner spaces and digits; trailing punctuation is its own token
        ("Microsoft Office 2019.", [("ltr", "Microsoft Office 2019"), ("p", ".")]),
        # a code that starts with a letter stays one LTR run, also in Persian digits
        ("شماره S-۱۷", [("w", "شماره"), ("ltr", "S-۱۷")]),
        # dates, times and numbers with their separators stay one run, whatever the digits
        ("۱۴۰۵/۰۱/۱۵ 12:30 ۱۲٬۵۰۰٫۵ ١٢", [("num", "۱۴۰۵/۰۱/۱۵"), ("num", "12:30"), ("num", "۱۲٬۵۰۰٫۵"), ("num", "١٢")]),
        # ZWNJ inside a word, Persian punctuation one by one
        ("می‌دارد؛ «الف»", [("w", "می‌دارد"), ("p", "؛"), ("p", "«"), ("w", "الف"), ("p", "»")]),
        ("(۱۰)", [("p", "("), ("num", "۱۰"), ("p", ")")]),
        # the printed tracking code is one number
        ("40458-96627-8", [("num", "40458-96627-8")]),
        ("  ", []),
        (None, []),
    ],
)
def test_tokens(text, expected):
    assert bidi.tokens(text) == expected


def test_wrap_ltr_runs_spans_and_spaces():
    out = bidi.wrap_ltr_runs("نامه ۱۲۳۴ از ABC")
    assert isinstance(out, Markup)
    assert str(out) == " ".join([W.format("نامه"), NUM.format("۱۲۳۴"), W.format("از"), LTR.format("ABC")])


def test_wrap_ltr_runs_escapes():
    out = str(bidi.wrap_ltr_runs("<b>7</b> & x"))
    assert "<b>" not in out
    assert out.startswith(P.format("&lt;") + LTR.format("b") + P.format("&gt;") + NUM.format("7"))
    assert P.format("&amp;") in out


@pytest.mark.parametrize("empty", [None, False, ""])
def test_wrap_ltr_runs_empty(empty):
    assert bidi.wrap_ltr_runs(empty) == Markup("")


def test_wrap_ltr_runs_non_text():
    assert str(bidi.wrap_ltr_runs(1405)) == NUM.format("1405")


def test_tokenize_official_layout_only():
    html = (
        "<!DOCTYPE html><html><head><style>p{}</style></head><body>"
        '<div class="article o_miz_official" dir="rtl"><p>سلام، دنیا <b>۱۲</b> Microsoft Office.</p></div>'
        "<p>outside</p></body></html>"
    )
    out = bidi.tokenize_html(html)
    assert out.startswith("<!DOCTYPE html>")
    expected = (
        f"<p>{W.format('سلام')}{P.format('،')} {W.format('دنیا')} <b>{NUM.format('۱۲')}</b> "
        f"{LTR.format('Microsoft Office')}{P.format('.')}</p>"
    )
    assert expected in out
    assert "<style>p{}</style>" in out
    assert "<p>outside</p>" in out, "only the official layout (or an RTL body) is tokenised"


def test_tokenize_rtl_body_whole():
    out = bidi.tokenize_html(
        '<html><body dir="rtl"><p>متن <i>کج</i> پایان</p><script>var a = 1;</script></body></html>'
    )
    assert f"<p>{W.format('متن')} <i>{W.format('کج')}</i> {W.format('پایان')}</p>" in out
    assert "<script>var a = 1;</script>" in out, "scripts are not text"


def test_tokenize_leaves_existing_spans_and_other_documents():
    already = f'<html><body dir="rtl"><p>{W.format("نامه")}</p></body></html>'
    assert bidi.tokenize_html(already).count('class="o_miz_w"') == 1
    plain = "<html><body><p>plain</p></body></html>"
    assert bidi.tokenize_html(plain) == plain
    # an LTR document that merely mentions dir="rtl" in an attribute of something else is not touched
    ltr = "<html><body><p data-x='dir=\"rtl\"'>plain text</p></body></html>"
    assert "o_miz_" not in bidi.tokenize_html(ltr)


def test_tokenize_is_idempotent():
    html = '<html><body dir="rtl"><p>سلام ۱۲ دنیا</p></body></html>'
    once = bidi.tokenize_html(html)
    assert bidi.tokenize_html(once) == once


def test_numbers_are_their_own_class():
    """Numbers read left to right (dir="ltr") but as isolates (class o_miz_num, -webkit-isolate in the print CSS),
    not LTR embeddings (o_miz_ltr): between two embeddings «(۱۵ روز کاری)» after a date prints «۱۵) … روز کاری)»."""
    out = str(bidi.wrap_ltr_runs("موعد پاسخ: ۱۴۰۵/۱۰/۰۱ (۱۵ روز کاری)"))
    assert out == (
        f"{W.format('موعد')} {W.format('پاسخ')}{P.format(':')} {NUM.format('۱۴۰۵/۱۰/۰۱')} "
        f"{P.format('(')}{NUM.format('۱۵')} {W.format('روز')} {W.format('کاری')}{P.format(')')}"
    )
    assert "o_miz_ltr" not in out
    assert str(bidi.wrap_ltr_runs("نسخه Office")) == f"{W.format('نسخه')} {LTR.format('Office')}"


def test_wrap_keeps_zwnj():
    """The helpers' Markup (also shown by browsers) keeps the real ZWNJ inside the word."""
    assert str(bidi.wrap_ltr_runs(f"می{ZWNJ}شود")) == W.format(f"می{ZWNJ}شود")


def test_tokenize_marks_zwnj_for_wkhtmltopdf():
    """In PDF bodies every ZWNJ, in new and in already tokenised text, becomes the private-use mark that the print
    font draws (and writes into the PDF text) as ZWNJ; elsewhere it is left alone."""
    html = (
        '<html><body><div class="o_miz_official" dir="rtl">'
        f"<p>اسدی{ZWNJ}نژاد <b>{W.format(f'دریافت{ZWNJ}شده')}</b></p>"
        f"<p>نیم{ZWNJ}فاصله{ZWNJ}ها</p></div><p>بیرون{ZWNJ}ها</p><style>x{ZWNJ}</style></body></html>"
    )
    out = bidi.tokenize_html(html)
    assert f"<p>{W.format('اسدی' + MARK + 'نژاد')} <b>{W.format('دریافت' + MARK + 'شده')}</b></p>" in out
    assert W.format(f"نیم{MARK}فاصله{MARK}ها") in out
    assert f"<p>بیرون{ZWNJ}ها</p>" in out, "outside the official layout nothing changes"
    assert f"<style>x{ZWNJ}</style>" in out
    assert out.count("\ue20c") == 4
    assert bidi.tokenize_html(out) == out


def test_tokenize_rtl_body_numbers_and_zwnj():
    out = bidi.tokenize_html(f'<html><body dir="rtl"><p>(۱۰ روز) می{ZWNJ}شود</p></body></html>')
    assert f"{P.format('(')}{NUM.format('۱۰')} {W.format('روز')}{P.format(')')} {W.format('می' + MARK + 'شود')}" in out

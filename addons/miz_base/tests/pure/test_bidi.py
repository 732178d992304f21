"""Plain-pytest tests of miz_base/tools/bidi.py: the right-to-left tokeniser for wkhtmltopdf (no Odoo)."""

import pytest
from markupsafe import Markup
from miz_base_tools import bidi

LTR = '<span class="o_miz_ltr" dir="ltr">{}</span>'
W = '<span class="o_miz_w">{}</span>'
P = '<span class="o_miz_p">{}</span>'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("نامه", [("w", "نامه")]),
        # a Latin run keeps its inner spaces and digits; trailing punctuation is its own token
        ("Microsoft Office 2019.", [("ltr", "Microsoft Office 2019"), ("p", ".")]),
        # dates, times and numbers with their separators stay one run, whatever the digits
        ("۱۴۰۵/۰۱/۱۵ 12:30 ۱۲٬۵۰۰٫۵ ١٢", [("ltr", "۱۴۰۵/۰۱/۱۵"), ("ltr", "12:30"), ("ltr", "۱۲٬۵۰۰٫۵"), ("ltr", "١٢")]),
        # ZWNJ inside a word, Persian punctuation one by one
        ("می‌دارد؛ «الف»", [("w", "می‌دارد"), ("p", "؛"), ("p", "«"), ("w", "الف"), ("p", "»")]),
        ("(۱۰)", [("p", "("), ("ltr", "۱۰"), ("p", ")")]),
        ("  ", []),
        (None, []),
    ],
)
def test_tokens(text, expected):
    assert bidi.tokens(text) == expected


def test_wrap_ltr_runs_spans_and_spaces():
    out = bidi.wrap_ltr_runs("نامه ۱۲۳۴ از ABC")
    assert isinstance(out, Markup)
    assert str(out) == " ".join([W.format("نامه"), LTR.format("۱۲۳۴"), W.format("از"), LTR.format("ABC")])


def test_wrap_ltr_runs_escapes():
    out = str(bidi.wrap_ltr_runs("<b>7</b> & x"))
    assert "<b>" not in out
    assert out.startswith(P.format("&lt;") + LTR.format("b") + P.format("&gt;") + LTR.format("7"))
    assert P.format("&amp;") in out


@pytest.mark.parametrize("empty", [None, False, ""])
def test_wrap_ltr_runs_empty(empty):
    assert bidi.wrap_ltr_runs(empty) == Markup("")


def test_wrap_ltr_runs_non_text():
    assert str(bidi.wrap_ltr_runs(1405)) == LTR.format("1405")


def test_tokenize_official_layout_only():
    html = (
        "<!DOCTYPE html><html><head><style>p{}</style></head><body>"
        '<div class="article o_miz_official" dir="rtl"><p>سلام، دنیا <b>۱۲</b> Microsoft Office.</p></div>'
        "<p>outside</p></body></html>"
    )
    out = bidi.tokenize_html(html)
    assert out.startswith("<!DOCTYPE html>")
    expected = (
        f"<p>{W.format('سلام')}{P.format('،')} {W.format('دنیا')} <b>{LTR.format('۱۲')}</b> "
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

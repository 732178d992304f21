"""Right-to-left text for wkhtmltopdf: every token of a line in its own ``<span>`` (no Odoo import).

Debian's wkhtmltopdf (QtWebKit 5.212 on an unpatched Qt 5) mis-measures Arabic-script runs that contain spaces,
punctuation or digits: right-aligned lines overflow their box, neighbouring words overlap, lines do not wrap.
Measured one token at a time the text is laid out right. A token is

- a Latin run (may contain spaces: ``Microsoft Office 2019``): ``<span class="o_miz_ltr" dir="ltr">``;
- a run of digits with the separators of numbers, dates and times (``۱۴۰۵/۰۱/۱۵``, ``12:30``, ``۱۲٬۵۰۰٫۵``,
  ``40458-96627-8``): ``<span class="o_miz_num" dir="ltr">``, an LTR *isolate* (see below);
- an Arabic-script word (with ZWNJ and diacritics): ``<span class="o_miz_w">``;
- any other visible character (punctuation), one by one: ``<span class="o_miz_p">``.

Whitespace stays between the spans. Two things of the bidi algorithm matter here:

- **Numbers are LTR isolates, not embeddings.** A number must read left to right inside (after Persian letters the
  bidi algorithm takes digits as Arabic numbers, and a ``-`` between them is then neutral: ``۲۹۲۴۳-۰۶۲۷۱-۲``
  would show its groups right to left), so it gets ``dir="ltr"``. But ``dir="ltr"`` alone is an LTR
  *embedding*, strong LTR for the text around it: in «موعد پاسخ: ۱۴۰۵/۱۰/۰۱ (۱۵ روز کاری)» the space and the
  ``(`` between the date and ``۱۵`` then resolve left to right, the parenthesis is not mirrored, and the page
  shows «موعد پاسخ: ۱۵) ۱۴۰۵/۱۰/۰۱ روز کاری)». An *isolate* is seen from outside as one neutral character, so
  parentheses, «» and spaces around a number follow the Persian text. QtWebKit 5.212 ignores the standard
  ``unicode-bidi: isolate`` and honours ``-webkit-isolate``: the print stylesheet gives ``.o_miz_num`` both
  (``static/src/print/miz_print.scss``). Latin runs stay embeddings (``o_miz_ltr``): they are strong LTR anyway.
- **ZWNJ (U+200C) in PDFs.** WebKit's Qt port replaces ZWNJ (and LRM/RLM, ZWJ…) with a zero-width *space* before
  Qt shapes a run (``FontCascade::normalizeSpaces``); ZWSP does not break Arabic joining, so «اسدی‌نژاد» printed
  as «اسدینژاد» and the PDF text lost the character. ``tokenize_html`` therefore writes each ZWNJ as
  ``<bdo class="o_miz_zwnj" dir="rtl">U+E20C</bdo>``: a private-use character that WebKit leaves alone, that breaks
  the joining (non-joining, like ZWNJ), and that miz_base's print copy of Vazirmatn maps to its ZWNJ glyph — the
  glyph Qt's PDF text layer then writes back as U+200C (the lowest code point mapped to it), so ``pdftotext`` and a
  PDF search find «اسدی‌نژاد» (``static/fonts/README.md``). The ``bdo`` keeps the word's order in LTR lines
  (private-use characters are strong LTR). Only PDF bodies get this (browsers keep the real ZWNJ).

Public API:

- ``tokens(text)`` → ``[(kind, token), ...]`` with ``kind`` in ``ltr``, ``num``, ``w``, ``p``;
- ``wrap_ltr_runs(text)`` → ``Markup``: ``text`` escaped, each token in its span (ZWNJ kept as is);
- ``tokenize_html(html)`` → ``str``: the text of an HTML document tokenised inside ``.o_miz_official`` elements,
  or in the whole body when the body is right-to-left (``dir="rtl"``), ZWNJ written for wkhtmltopdf as above;
  other documents come back unchanged. Text already inside a token span is not split again, and
  ``script``/``style``/``head``/form controls/``svg``/``math`` are left alone.
"""

import re

import lxml.html
from lxml import etree
from markupsafe import Markup, escape

ZWNJ = "\u200c"
#: what a ZWNJ becomes in PDF bodies (mapped to the ZWNJ glyph in static/fonts/print/Vazirmatn-*.ttf)
PDF_ZWNJ = "\ue20c"

# a Latin run may hold Persian digits after its first letter (``S-۱۷``: a sender's number passed through miz_fa)
_LATIN = r"[A-Za-z](?:[A-Za-z0-9۰-۹٠-٩/:.\-_@+,'& ]*[A-Za-z0-9۰-۹٠-٩])?"
_NUMBER = r"[0-9۰-۹٠-٩](?:[0-9۰-۹٠-٩/:.\-٫٬,]*[0-9۰-۹٠-٩])?"
_WORD = r"[\u0621-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc\u200c\u200d]+"
_TOKEN = re.compile(rf"(?P<ltr>{_LATIN})|(?P<num>{_NUMBER})|(?P<w>{_WORD})|(?P<p>\S)")
TOKEN_CLASS = {"ltr": "o_miz_ltr", "num": "o_miz_num", "w": "o_miz_w", "p": "o_miz_p"}
ZWNJ_CLASS = "o_miz_zwnj"
_TOKEN_SPANS = {
    "ltr": Markup('<span class="o_miz_ltr" dir="ltr">%s</span>'),
    "num": Markup('<span class="o_miz_num" dir="ltr">%s</span>'),
    "w": Markup('<span class="o_miz_w">%s</span>'),
    "p": Markup('<span class="o_miz_p">%s</span>'),
}
_SKIP_TAGS = {"script", "style", "head", "title", "textarea", "select", "option", "svg", "math"}


def tokens(text):
    """The tokens of ``text`` as ``(kind, token)`` pairs, ``kind`` being ``ltr``, ``num``, ``w`` or ``p``."""
    return [(match.lastgroup, match.group(0)) for match in _TOKEN.finditer(text or "")]


def wrap_ltr_runs(text):
    """Escape ``text`` and put each token (word, punctuation, number, Latin run) in its own span; ``Markup``."""
    if text is None or text is False:
        return Markup("")
    text = str(text)
    out = []
    pos = 0
    for match in _TOKEN.finditer(text):
        out.append(escape(text[pos : match.start()]))
        out.append(_TOKEN_SPANS[match.lastgroup] % match.group(0))
        pos = match.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def _token_elements(text):
    """``(lead, [span, ...])`` for a text node: spans carry the tokens, their tails the spaces between them."""
    lead = None
    spans = []
    pos = 0
    for match in _TOKEN.finditer(text):
        gap = text[pos : match.start()]
        if spans:
            spans[-1].tail = gap
        else:
            lead = gap
        span = etree.Element("span", {"class": TOKEN_CLASS[match.lastgroup]})
        if match.lastgroup in ("ltr", "num"):
            span.set("dir", "ltr")
        span.text = match.group(0)
        spans.append(span)
        pos = match.end()
    if spans:
        spans[-1].tail = text[pos:]
    else:
        lead = text
    return lead, spans


def _is_token(element):
    return bool(set((element.get("class") or "").split()) & {*TOKEN_CLASS.values(), ZWNJ_CLASS})


def _tokenize_element(element):
    if not isinstance(element.tag, str) or element.tag in _SKIP_TAGS or _is_token(element):
        return
    if element.text and element.text.strip():
        lead, spans = _token_elements(element.text)
        element.text = lead
        for index, span in enumerate(spans):
            element.insert(index, span)
    for child in list(element):
        _tokenize_element(child)
        if child.tail and child.tail.strip():
            lead, spans = _token_elements(child.tail)
            child.tail = lead
            index = element.index(child)
            for offset, span in enumerate(spans, start=1):
                element.insert(index + offset, span)


def _zwnj_marks(text):
    """``(lead, [bdo, ...])``: ``text`` cut at each ZWNJ, one ``bdo`` per ZWNJ, the text after it in its tail."""
    parts = text.split(ZWNJ)
    marks = []
    for part in parts[1:]:
        mark = etree.Element("bdo", {"class": ZWNJ_CLASS, "dir": "rtl"})
        mark.text = PDF_ZWNJ
        mark.tail = part
        marks.append(mark)
    return parts[0], marks


def _mark_zwnj(element):
    """Write every ZWNJ under ``element`` as the PDF's ZWNJ mark (see the module docstring)."""
    if not isinstance(element.tag, str) or element.tag in _SKIP_TAGS or ZWNJ_CLASS in (element.get("class") or ""):
        return
    for child in list(element):
        _mark_zwnj(child)
        if child.tail and ZWNJ in child.tail:
            child.tail, marks = _zwnj_marks(child.tail)
            index = element.index(child)
            for offset, mark in enumerate(marks, start=1):
                element.insert(index + offset, mark)
    if element.text and ZWNJ in element.text:
        element.text, marks = _zwnj_marks(element.text)
        for index, mark in enumerate(marks):
            element.insert(index, mark)


def tokenize_html(html):
    """Tokenise the text of an HTML document for wkhtmltopdf: inside ``.o_miz_official`` elements, or the whole
    body when the body is right-to-left. Other documents are returned unchanged."""
    if "o_miz_official" not in html and 'dir="rtl"' not in html:
        return html
    root = lxml.html.document_fromstring(html)
    body = root.find("body")
    if body is not None and (body.get("dir") or "").lower() == "rtl":
        targets = [body]
    else:
        targets = root.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), ' o_miz_official ')]")
    if not targets:
        return html
    for target in targets:
        _tokenize_element(target)
        _mark_zwnj(target)
    doctype = "<!DOCTYPE html>" if html.lstrip()[:15].lower().startswith("<!doctype html") else None
    return lxml.html.tostring(root, encoding="unicode", doctype=doctype)

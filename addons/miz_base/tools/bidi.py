"""Right-to-left text for wkhtmltopdf: every token of a line in its own ``<span>`` (no Odoo import).

Debian's wkhtmltopdf (built against an unpatched Qt) mis-measures Arabic-script runs that contain spaces,
punctuation or digits: right-aligned lines overflow their box, neighbouring words overlap, lines do not wrap.
Measured one token at a time the text is laid out right. A token is

- a Latin run (may contain spaces: ``Microsoft Office 2019``) or a run of digits with the separators of numbers,
  dates and times (``۱۴۰۵/۰۱/۱۵``, ``12:30``, ``۱۲٬۵۰۰٫۵``): ``<span class="o_miz_ltr" dir="ltr">``;
- an Arabic-script word (with ZWNJ and diacritics): ``<span class="o_miz_w">``;
- any other visible character (punctuation), one by one: ``<span class="o_miz_p">``.

Whitespace stays between the spans. Public API:

- ``tokens(text)`` → ``[(kind, token), ...]`` with ``kind`` in ``ltr``, ``w``, ``p``;
- ``wrap_ltr_runs(text)`` → ``Markup``: ``text`` escaped, each token in its span;
- ``tokenize_html(html)`` → ``str``: the text of an HTML document tokenised inside ``.o_miz_official`` elements,
  or in the whole body when the body is right-to-left (``dir="rtl"``); other documents come back unchanged.
  Text already inside a token span, and ``script``/``style``/``head``/form controls/``svg``/``math``, is left alone.
"""

import re

import lxml.html
from lxml import etree
from markupsafe import Markup, escape

_LATIN = r"[A-Za-z](?:[A-Za-z0-9/:.\-_@+,'& ]*[A-Za-z0-9])?"
_NUMBER = r"[0-9۰-۹٠-٩](?:[0-9۰-۹٠-٩/:.\-٫٬,]*[0-9۰-۹٠-٩])?"
_WORD = r"[\u0621-\u065f\u066e-\u06d3\u06d5-\u06ef\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc\u200c\u200d]+"
_TOKEN = re.compile(rf"(?P<ltr>{_LATIN}|{_NUMBER})|(?P<w>{_WORD})|(?P<p>\S)")
TOKEN_CLASS = {"ltr": "o_miz_ltr", "w": "o_miz_w", "p": "o_miz_p"}
_TOKEN_SPANS = {
    "ltr": Markup('<span class="o_miz_ltr" dir="ltr">%s</span>'),
    "w": Markup('<span class="o_miz_w">%s</span>'),
    "p": Markup('<span class="o_miz_p">%s</span>'),
}
_SKIP_TAGS = {"script", "style", "head", "title", "textarea", "select", "option", "svg", "math"}


def tokens(text):
    """The tokens of ``text`` as ``(kind, token)`` pairs, ``kind`` being ``ltr``, ``w`` or ``p``."""
    return [(match.lastgroup, match.group(0)) for match in _TOKEN.finditer(text or "")]


def wrap_ltr_runs(text):
    """Escape ``text`` and put each token (word, punctuation, digit/Latin run) in its own span; ``Markup``."""
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
        if match.lastgroup == "ltr":
            span.set("dir", "ltr")
        span.text = match.group(0)
        spans.append(span)
        pos = match.end()
    if spans:
        spans[-1].tail = text[pos:]
    else:
        lead = text
    return lead, spans


def _tokenize_element(element):
    if not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
        return
    if set((element.get("class") or "").split()) & set(TOKEN_CLASS.values()):
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
    doctype = "<!DOCTYPE html>" if html.lstrip()[:15].lower().startswith("<!doctype html") else None
    return lxml.html.tostring(root, encoding="unicode", doctype=doctype)

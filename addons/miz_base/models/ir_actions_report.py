"""Persian print helpers available to every QWeb report.

Every report rendered through ``ir.actions.report`` gets three callables in its rendering context:

- ``miz_jdate(value, fmt=None)``: a date (or datetime, taken in the print's time zone) as a Jalali date with
  Persian digits, e.g. ``۱۴۰۵/۰۱/۱۵``; ``fmt`` is ``short`` (default), ``medium``, ``long`` or a
  pattern of ``tools.jalali.format_date``.
- ``miz_jdatetime(value, tz=None)``: a UTC datetime shown in ``tz`` (default: the print's time zone) as
  ``۱۴۰۵/۰۱/۱۵ ۰۹:۳۰``.
- ``miz_fa(value)``: any value with its digits written in Persian.

The print's time zone is the agency's, never the user's: a paper of the agency says the agency's hour whoever
prints it (a clerk whose preference is UTC printed 19:01 for a request registered at 22:31). It is the ``tz`` of
the calendar of the printed documents' agency (their ``agency_id``, or the agency of their ``unit_id``; see
``_miz_print_tz``), else Asia/Tehran. The QWeb widgets ``miz_jdate``/``miz_jdatetime`` (``ir_qweb_fields.py``)
use the same rule with the record of their ``t-field``.

All three return ``Markup`` in which every token sits in its own ``<span>``: Persian words
(``o_miz_w``), punctuation (``o_miz_p``), numbers (``o_miz_num``) and Latin runs (``o_miz_ltr``, ``dir="ltr"``),
so that wkhtmltopdf lays Persian lines out right (why, and why numbers carry no direction: ``tools/bidi.py``). For the same reason every PDF body is tokenised
the same way before it is handed to wkhtmltopdf, inside ``.o_miz_official`` (``miz_base.layout_official``) or
everywhere when the report is rendered right-to-left (``_miz_tokenize_html``).

``_miz_qr_data_uri(value, size)`` gives the QR code of a URL as a PNG data URI for ``<img t-att-src>`` (the
receipt's tracking link, the letter's verification link).

Fonts: Qt's PDF engine draws fonts loaded through CSS ``@font-face`` as vector paths (no embedded font, no
extractable text). Before calling wkhtmltopdf we therefore point fontconfig (``FONTCONFIG_FILE``) at a
configuration that adds the addon's ``static/fonts/print`` folder to the system fonts: ``font-family: Vazirmatn``
then resolves to a real font that is embedded in the PDF (see ``static/fonts/README.md`` for why the print
copies have no contextual alternates). Browsers (HTML preview) use the ``Vazirmatn Web``
``@font-face`` of the print stylesheet instead.
"""

import base64
import datetime
import logging
import os
import threading

from lxml import etree

from odoo import api, fields, models
from odoo.tools import config

from ..tools import digits as miz_digits
from ..tools import jalali
from ..tools.bidi import tokenize_html, wrap_ltr_runs

__all__ = ["IrActionsReport", "ensure_fontconfig", "persian_text", "tokenize_html", "wrap_ltr_runs"]

_logger = logging.getLogger(__name__)

DEFAULT_TZ = "Asia/Tehran"
_FONTCONFIG_LOCK = threading.Lock()
_FONTCONFIG_TEMPLATE = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<!-- written by miz_base: the system fonts plus the fonts shipped with miz_base, for wkhtmltopdf -->
<fontconfig>
  <include ignore_missing="yes">{base}</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def ensure_fontconfig():
    """Make the fonts of ``miz_base/static/fonts/print`` visible to fontconfig (hence wkhtmltopdf); return the conf path."""
    fonts_dir = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "static", "fonts", "print"))
    folder = os.path.join(config["data_dir"], "miz_fontconfig")
    conf_path = os.path.join(folder, "fonts.conf")
    with _FONTCONFIG_LOCK:
        current = os.environ.get("FONTCONFIG_FILE")
        if current == conf_path and os.path.exists(conf_path):
            return conf_path
        base = current or "/etc/fonts/fonts.conf"
        content = _FONTCONFIG_TEMPLATE.format(base=base, fonts=fonts_dir, cache=os.path.join(folder, "cache"))
        try:
            os.makedirs(folder, exist_ok=True)
            with open(conf_path, "w", encoding="utf-8") as fh:
                fh.write(content)
        except OSError:
            _logger.warning("Cannot write %s: Vazirmatn will not be embedded in PDF reports", conf_path, exc_info=True)
            return None
        os.environ["FONTCONFIG_FILE"] = conf_path
    return conf_path


def persian_text(value):
    """``value`` as text with Persian digits (floats keep a Persian decimal separator ``٫``)."""
    if value is None or value is False:
        return ""
    if isinstance(value, float):
        text = f"{value:,.12g}".replace(",", "٬").replace(".", "٫")
    elif isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    else:
        text = str(value)
    return miz_digits.to_persian_digits(text)


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    # ------------------------------------------------------------------ helpers
    @api.model
    def _miz_tz(self, tz=None):
        """The time zone a print uses: ``tz`` if given, else Asia/Tehran — never the user's preference."""
        return tz or DEFAULT_TZ

    @api.model
    def _miz_print_tz(self, records):
        """The time zone of the agency whose documents ``records`` are: the ``tz`` of the calendar of their
        ``agency_id`` (or of their ``unit_id``'s agency), the first one found; else Asia/Tehran."""
        if not records or "miz.agency" not in self.env:
            return DEFAULT_TZ
        records = records.sudo()  # only a time zone name is read
        agencies = self.env["miz.agency"]
        field = records._fields.get("agency_id")
        if field is not None and field.comodel_name == "miz.agency":
            agencies = records.agency_id
        field = records._fields.get("unit_id")
        if not agencies and field is not None and field.comodel_name == "miz.org.unit":
            agencies = records.unit_id.agency_id
        for agency in agencies:
            if agency.calendar_id.tz:
                return agency.calendar_id.tz
        return DEFAULT_TZ

    @api.model
    def _miz_jdate_text(self, value, fmt=None, tz=None):
        """Jalali date text (Persian digits) of a date, datetime (UTC, shown in ``tz``, default Asia/Tehran) or ISO
        string. ``fmt``: ``short`` (default, ``۱۴۰۵/۰۱/۱۵``), ``medium``, ``long`` or a pattern of ``tools.jalali``.
        """
        if not value:
            return ""
        if isinstance(value, str):
            value = fields.Datetime.to_datetime(value) if len(value) > 10 else fields.Date.to_date(value)
        return jalali.format_date(value, fmt=fmt or "short", tz=self._miz_tz(tz))

    @api.model
    def _miz_jdatetime_text(self, value, tz=None, fmt=None):
        """Jalali date and time text (Persian digits) of a UTC datetime shown in ``tz`` (default Asia/Tehran)."""
        if not value:
            return ""
        if isinstance(value, str):
            value = fields.Datetime.to_datetime(value)
        if not isinstance(value, datetime.datetime):
            return self._miz_jdate_text(value, fmt=fmt, tz=tz)
        return jalali.format_datetime(value, tz=self._miz_tz(tz), fmt=fmt or "short")

    @api.model
    def _miz_qr_data_uri(self, value, size=180):
        """The QR code of ``value`` (a URL) as a ``data:image/png;base64,…`` URI of ``size``×``size`` pixels;
        ``""`` without a value."""
        if not value:
            return ""
        png = self.barcode("QR", value, width=size, height=size)
        return "data:image/png;base64," + base64.b64encode(png).decode()

    @api.model
    def _miz_render_helpers(self, tz=None):
        """The helpers of the rendering context; dates and times in ``tz`` (the print's, default Asia/Tehran)."""
        tz = self._miz_tz(tz)
        return {
            "miz_jdate": lambda value, fmt=None: wrap_ltr_runs(self._miz_jdate_text(value, fmt=fmt, tz=tz)),
            "miz_jdatetime": lambda value, tz=tz, fmt=None: wrap_ltr_runs(
                self._miz_jdatetime_text(value, tz=tz, fmt=fmt)
            ),
            "miz_fa": lambda value: wrap_ltr_runs(persian_text(value)),
            "miz_today": lambda: fields.Date.context_today(self.with_context(tz=tz)),
        }

    # ------------------------------------------------------------------ overrides
    def _get_rendering_context(self, report, docids, data):
        data = super()._get_rendering_context(report, docids, data)
        records = self.env[report.model].browse(docids) if report.model in self.env and docids else None
        tz = self._miz_print_tz(records)
        data.setdefault("miz_tz", tz)
        for name, helper in self._miz_render_helpers(tz=tz).items():
            data.setdefault(name, helper)
        return data

    @api.model
    def _run_wkhtmltopdf(
        self,
        bodies,
        report_ref=False,
        header=None,
        footer=None,
        landscape=False,
        specific_paperformat_args=None,
        set_viewport_size=False,
    ):
        ensure_fontconfig()
        bodies = [self._miz_tokenize_html(body) for body in bodies]
        return super()._run_wkhtmltopdf(
            bodies,
            report_ref=report_ref,
            header=header,
            footer=footer,
            landscape=landscape,
            specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size,
        )

    @api.model
    def _miz_tokenize_html(self, html):
        try:
            return tokenize_html(html)
        except (etree.LxmlError, ValueError):
            _logger.warning("Cannot tokenise a PDF body for wkhtmltopdf; printing it as is", exc_info=True)
            return html

    def _render_template(self, template, values=None):
        # reports rendered without _get_rendering_context (mail layouts, previews) get the helpers too
        values = {} if values is None else values
        for name, helper in self._miz_render_helpers().items():
            values.setdefault(name, helper)
        return super()._render_template(template, values=values)

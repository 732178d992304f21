"""Pure helpers of miz_base (no Odoo import here: plain pytest loads this package as ``miz_base_tools``).

- ``bidi``: right-to-left text tokenised into spans for wkhtmltopdf (``wrap_ltr_runs``, ``tokenize_html``).
- ``digits``: Persian/Arabic ⇄ Latin digits.
- ``jalali``: Gregorian ⇄ Jalali conversion, formatting, parsing and Jalali periods.
- ``validation``: national code, national ID, mobile, postal code, Persian text normalisation.
"""

from . import bidi, digits, jalali, validation

__all__ = ["bidi", "digits", "jalali", "validation"]

"""Pure helpers of miz_base (no Odoo import here: plain pytest loads this package as ``miz_base_tools``).

- ``bidi``: right-to-left text tokenised into spans for wkhtmltopdf (``wrap_ltr_runs``, ``tokenize_html``).
- ``digits``: Persian/Arabic ⇄ Latin digits.
- ``jalali``: Gregorian ⇄ Jalali conversion, formatting, parsing and Jalali periods.
- ``jalali_sql``: the SQL text of the IMMUTABLE PostgreSQL functions ``miz_jalali_ymd`` / ``miz_jalali_trunc``.
- ``validation``: national code, national ID, mobile, postal code, Persian text normalisation.
"""

from . import bidi, digits, jalali, jalali_sql, validation

__all__ = ["bidi", "digits", "jalali", "jalali_sql", "validation"]

"""Pure helpers of miz_base (no Odoo import here: plain pytest loads this package as ``miz_base_tools``).

- ``digits``: Persian/Arabic ⇄ Latin digits.
- ``jalali``: Gregorian ⇄ Jalali conversion, formatting, parsing and Jalali periods.
- ``validation``: national code, national ID, mobile, postal code, Persian text normalisation.
"""

from . import digits, jalali, validation

__all__ = ["digits", "jalali", "validation"]

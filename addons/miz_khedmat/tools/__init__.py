"""Pure helpers of miz_khedmat (no Odoo import here: plain pytest loads this package as ``miz_khedmat_tools``).

- ``tracking``: tracking codes (short, random, with a Damm check digit).
"""

from . import tracking

__all__ = ["tracking"]

"""Pure helpers of miz_khedmat_audit (no Odoo import here: plain pytest loads this package as
``miz_khedmat_audit_tools``).

- ``snapshot``: what the audit snapshot's figures are made of — content checks of booklet fields, the period in
  UTC, weekday and two-hour band of a receipt, the receipts evidence of Section 2 row 2, level summaries.
"""

from . import snapshot

__all__ = ["snapshot"]

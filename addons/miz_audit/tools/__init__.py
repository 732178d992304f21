"""Pure helpers of miz_audit (no Odoo import here: plain pytest loads this package as ``miz_audit_tools``).

- ``forms``: the Persian wording of the Appendix-2/3 forms (headings, column titles, footnotes, levels).
- ``appendix``: Section 1 figures, Appendix-3 lines and totals, periods, comparison with the previous period.
- ``workbook``: the sheets of the Appendix-2 XLSX (export) and their cell-by-cell reading (import).
"""

from . import appendix, forms, workbook

__all__ = ["appendix", "forms", "workbook"]

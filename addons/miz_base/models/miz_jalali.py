from odoo import models

from ..tools import jalali_sql


class MizJalali(models.AbstractModel):
    """Owner of the Jalali SQL functions (no table, no records).

    ``init()`` runs on every install and update of miz_base and (re)creates ``miz_jalali_ymd(date)`` and
    ``miz_jalali_trunc(granularity, date|timestamp)`` (see ``tools/jalali_sql.py``), which the Jalali
    ``read_group`` granularities of ``models/base.py`` put in the queries.
    """

    _name = "miz.jalali"
    _description = "Jalali calendar in SQL"

    def init(self):
        self.env.cr.execute(jalali_sql.FUNCTIONS_SQL)

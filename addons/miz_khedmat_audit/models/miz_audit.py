from odoo import models


class MizAudit(models.Model):
    """The audit's snapshot filled from the service desk's live records (see ``miz.khedmat.audit.collector``)."""

    _inherit = "miz.audit"

    def _miz_collect_snapshot(self):
        self.ensure_one()
        snapshot = super()._miz_collect_snapshot()
        snapshot.update(
            self.env["miz.khedmat.audit.collector"]._miz_khedmat_audit_snapshot(
                self.agency_id, self.date_start, self.date_end
            )
        )
        return snapshot

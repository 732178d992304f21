from odoo import http
from odoo.http import content_disposition, request


class MizAuditController(http.Controller):
    @http.route("/miz_audit/appendix2/<int:audit_id>/xlsx", type="http", auth="user")
    def appendix2_xlsx(self, audit_id, **kwargs):
        """The Appendix-2 workbook of an audit the user may read (record rules apply: no sudo)."""
        audit = request.env["miz.audit"].browse(audit_id).exists()
        if not audit:
            raise request.not_found()
        audit.check_access("read")
        content = audit._miz_xlsx()
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("Content-Disposition", content_disposition(audit._miz_file_name("xlsx"))),
            ],
        )

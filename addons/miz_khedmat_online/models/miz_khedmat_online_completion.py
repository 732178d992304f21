from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import otp

OPENABLE_STATES = ("registered", "in_progress")


class MizKhedmatOnlineCompletion(models.Model):
    """Documents of a registered request found missing or unreadable by the desk, asked again by an SMS link.

    The desk opens it (wizard on the request); the applicant gets an SMS with a link (a random token, stored as a
    digest only) that reopens the upload for these documents only. While it is open the request waits: when the
    documents arrive the promised date (and the current step's deadline) move by the working days it stayed open
    (:meth:`miz.khedmat.request._miz_online_extend_promise`), the files join the request's documents and its
    secretariat letter, and the applicant is told by SMS.

    Hook for the desk: ``request.online_waiting`` is True while a link is open (the dashboard may leave such
    requests out of the overdue ones).
    """

    _name = "miz.khedmat.online.completion"
    _description = "Missing Documents Asked Online"
    _inherit = ["mail.thread"]
    _order = "id desc"

    request_id = fields.Many2one("miz.khedmat.request", required=True, readonly=True, index=True, ondelete="cascade")
    agency_id = fields.Many2one(related="request_id.agency_id", store=True, index=True)
    document_ids = fields.Many2many(
        "miz.khedmat.request.document",
        "miz_khedmat_online_completion_doc_rel",
        string="Documents Asked",
        readonly=True,
        required=True,
    )
    note = fields.Text(string="What Is Wrong", readonly=True)
    token_hash = fields.Char(readonly=True, index=True, copy=False)
    state = fields.Selection(
        [("open", "Waiting for the Applicant"), ("done", "Documents Received"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        readonly=True,
        tracking=True,
    )
    opened_date = fields.Datetime(readonly=True)
    done_date = fields.Datetime(readonly=True)
    paused_days = fields.Integer(string="Working Days Added to the Promise", readonly=True)
    desk_pause = fields.Boolean(
        string="Asked by a Unit",
        readonly=True,
        help="Opened when a unit sent the file back to the desk for a missing document: the desk's own pause holds "
        "the promise, and the desk resumes it after checking what the applicant sent.",
    )

    @api.model
    def _miz_check_openable(self, request, desk_pause=False):
        if request.paused_since and not desk_pause:
            raise UserError(_("The request already waits for a document at the desk: its link was sent then."))
        if request.state not in OPENABLE_STATES:
            raise UserError(_("Missing documents can be asked while the request is being handled only."))
        if request.online_waiting:
            raise UserError(_("A link for missing documents of this request is already open."))
        if not request._miz_sms_number():
            raise UserError(_("The applicant has no valid mobile number: ask for the documents by phone or letter."))

    @api.model
    def _miz_open(self, request, documents, note, desk_pause=False):
        """Open a link for ``documents`` of ``request`` and send it by SMS (the caller checked it is a desk clerk of
        the request's agency, or it is the desk's pause). Returns the completion."""
        self._miz_check_openable(request, desk_pause)
        if not documents or documents.request_id != request:
            raise UserError(_("Choose the documents of this request the applicant must send again."))
        token = otp.new_token()
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        completion = self.sudo().create(
            {
                "request_id": request.id,
                "document_ids": [fields.Command.set(documents.ids)],
                "note": note or False,
                "token_hash": otp.digest(secret, token),
                "opened_date": fields.Datetime.now(),
                "desk_pause": desk_pause,
            }
        )
        request.message_post(
            body=Markup("%s<br/>%s")
            % (
                _("Documents asked again from the applicant: %s", "، ".join(documents.mapped("name"))),
                note or "",
            ),
            subtype_xmlid="mail.mt_note",
        )
        url = f"{request.get_base_url()}/miz/online/complete/{token}"
        request.sudo()._miz_online_sms("completion", sms_only=True, url=url)
        return completion

    @api.model
    def _miz_find(self, token):
        """The open completion of a link's ``token`` (sudo), or an empty recordset."""
        if not token or not isinstance(token, str) or len(token) > 100:
            return self.sudo().browse()
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        return self.sudo().search([("token_hash", "=", otp.digest(secret, token)), ("state", "=", "open")], limit=1)

    def _miz_receive(self, files):
        """Store ``files`` (``{document: [(name, data, mimetype)]}``, already checked) and close the link."""
        self.ensure_one()
        completion = self.sudo()
        request = completion.request_id
        Attachment = self.env["ir.attachment"].sudo()
        new = Attachment
        for document, items in files.items():
            attachments = Attachment.create(
                [
                    {
                        "name": name,
                        "raw": data,
                        "mimetype": mimetype,
                        "res_model": request._name,
                        "res_id": request.id,
                        "public": False,
                    }
                    for name, data, mimetype in items
                ]
            )
            document.sudo().write(
                {"attachment_ids": [fields.Command.link(a.id) for a in attachments], "received": True}
            )
            new |= attachments
        if request.letter_id:
            request.letter_id.sudo().write({"attachment_ids": [fields.Command.link(a.id) for a in new]})
        completion.write({"state": "done", "done_date": fields.Datetime.now()})
        if completion.desk_pause:
            # the desk's pause holds the promise: the clerk checks the upload and resumes (the promise moves then)
            request.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=request.clerk_id.id or self.env.uid,
                summary=_("Missing document received online: check it and resume the request"),
            )
        else:
            paused = request._miz_online_extend_promise(completion.opened_date)
            completion.write({"paused_days": paused})
        request.message_post(
            body=_(
                "The applicant sent the missing documents online: %s", "، ".join(completion.document_ids.mapped("name"))
            ),
            attachment_ids=new.ids,
            subtype_xmlid="mail.mt_note",
        )
        request._miz_online_sms("completed")
        return True

    def action_cancel(self):
        for completion in self:
            completion.request_id._miz_check_desk()
            if completion.state != "open":
                raise UserError(_("Only an open link can be cancelled."))
        self.sudo().write({"state": "cancelled", "done_date": fields.Datetime.now()})
        for completion in self:
            completion.request_id._miz_online_extend_promise(completion.opened_date)
        return True

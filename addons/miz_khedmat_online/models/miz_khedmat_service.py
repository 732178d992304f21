from odoo import api, fields, models

ONLINE_CHANNELS = ("electronic", "combined")


class MizKhedmatService(models.Model):
    """The electronic desk's part of a service: whether it is requestable online, the desk that receives online
    requests, extra questions of the online form, the hand-over SMS, the catalog category and the average duration
    measured on real requests."""

    _inherit = "miz.khedmat.service"

    online_enabled = fields.Boolean(
        string="Requestable Online",
        default=True,
        tracking=True,
        help="Electronic and combined services can be requested on the electronic desk unless this is unticked.",
    )
    online_desk_unit_id = fields.Many2one(
        "miz.org.unit",
        string="Desk Receiving Online Requests",
        help="Its representative (or first member) is the desk clerk of the online requests: the result comes back "
        "to him.",
    )
    online_available = fields.Boolean(
        string="Online Request Open",
        compute="_compute_online_available",
        help="Electronic or combined desk service, with a routing and a receiving desk, and requestable online.",
    )
    online_question_ids = fields.One2many(
        "miz.khedmat.online.question", "service_id", string="Online Form Questions", copy=True
    )
    online_sms_handover = fields.Boolean(
        string="SMS at Each Hand-over",
        help="Tell the applicant by SMS each time the file is handed to a new unit.",
    )
    online_category = fields.Char(string="Catalog Category", translate=True, help="Heading of the public catalog.")
    duration_real_days = fields.Float(
        string="Average Duration of Answered Requests (days)",
        compute="_compute_duration_real_days",
        digits=(16, 1),
        help="Registration to response notice, over the requests of this service already answered.",
    )

    @api.depends("online_enabled", "delivery_channel", "is_desk_service", "active", "step_ids", "online_desk_unit_id")
    def _compute_online_available(self):
        for service in self:
            service.online_available = bool(
                service.online_enabled
                and service.active
                and service.is_desk_service
                and service.delivery_channel in ONLINE_CHANNELS
                and service.step_ids
                and service._miz_online_clerk()
            )

    def _compute_duration_real_days(self):
        rows = (
            self.env["miz.khedmat.request"]
            .sudo()
            ._read_group(
                [
                    ("service_id", "in", self.ids),
                    ("state", "in", ("notified", "delivered")),
                    ("review_of_id", "=", False),
                ],
                ["service_id"],
                ["duration_days:avg"],
            )
        )
        averages = {service.id: avg for service, avg in rows}
        for service in self:
            service.duration_real_days = averages.get(service.id, 0.0) or 0.0

    def _miz_online_clerk(self):
        """The desk clerk online requests of this service are handed back to (empty if none configured)."""
        self.ensure_one()
        unit = self.sudo().online_desk_unit_id
        return unit.representative_id or unit.member_ids[:1]

    @api.model
    def _miz_online_catalog_domain(self):
        """The services the public catalog lists: active desk services given at the desk (not 'outside')."""
        return [("active", "=", True), ("is_desk_service", "=", True), ("delivery_channel", "!=", "outside")]

    # ------------------------------------------------------------------ demo
    @api.model
    def _miz_online_demo_setup(self, agency_xmlid, desk_xmlid):
        """Demo data: catalog categories from the services' responsible unit; the agency's electronic and combined
        services open online through its desk, a blank application form to download on the documents that are forms or
        written requests (or the first document), and two extra questions on the first of them."""
        import base64

        from odoo.tools import file_open

        agency = self.env.ref(agency_xmlid)
        desk = self.env.ref(desk_xmlid)
        with file_open("miz_khedmat_online/demo/forms/application_form.pdf", "rb") as handle:
            form = base64.b64encode(handle.read())
        for service in self.search([("agency_id", "=", agency.id), ("online_category", "=", False)]):
            service.online_category = service.responsible_unit_id.name or False
        services = self.search([("agency_id", "=", agency.id), ("delivery_channel", "in", ONLINE_CHANNELS)])
        for service in services:
            service.write(
                {
                    "online_desk_unit_id": desk.id,
                    "online_sms_handover": len(service.step_ids.unit_id) > 1,
                }
            )
            forms = service.document_ids.filtered(lambda d: "فرم" in d.name or "درخواست" in d.name)
            for document in forms or service.document_ids[:1]:
                document.write({"form_file": form, "form_filename": "application_form.pdf"})
        if services:
            services[0].write(
                {
                    "online_question_ids": [
                        fields.Command.create(
                            {"sequence": 10, "name": "شماره ثبت تعاونی", "kind": "integer", "required": True}
                        ),
                        fields.Command.create(
                            {
                                "sequence": 20,
                                "name": "نوع تعاونی",
                                "kind": "choice",
                                "options": "تولیدی\nمصرف\nخدماتی\nمسکن",
                                "required": False,
                            }
                        ),
                    ]
                }
            )
        return True

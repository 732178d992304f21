from odoo import fields, models


class MizKhedmatService(models.Model):
    """Information channels of a desk service that Appendix 2 Section 3 asks about and the catalog lacked: the guide
    boards at the desk and the phone / call centre (the website channel is the service's ``url``)."""

    _inherit = "miz.khedmat.service"

    miz_info_boards = fields.Boolean(
        string="Guide Boards at the Desk",
        tracking=True,
        help="Guide boards about this service are posted at the service desk (Appendix 2, Section 3).",
    )
    miz_info_phone = fields.Char(
        string="Phone / Call Centre",
        tracking=True,
        help="The phone number or call centre that informs citizens about this service (Appendix 2, Section 3).",
    )

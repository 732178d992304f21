from odoo import api, models


class ReportMizSecretariatRegisterBook(models.AbstractModel):
    """Values of the register book (دفتر اندیکاتور) PDF: the registered letters among the selection, in the order
    of the book — agency, Jalali year of the number, kind, then the counter (``number_seq``) as a number, so
    that ۱۰ follows ۹ — one section per agency, year and kind."""

    _name = "report.miz_secretariat.report_register_book"
    _description = "Register Book"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["miz.secretariat.letter"].browse(docids)
        docs.check_access("read")
        letters = docs.filtered("number_seq").sorted(
            lambda letter: (letter.agency_id.complete_name or "", letter.number_jyear, letter.kind, letter.number_seq)
        )
        sections = []
        for letter in letters:
            key = (letter.agency_id, letter.number_jyear, letter.kind)
            if not sections or sections[-1]["key"] != key:
                sections.append(
                    {
                        "key": key,
                        "agency": letter.agency_id,
                        "year": letter.number_jyear,
                        "kind": letter.kind,
                        "letters": letter,
                    }
                )
            else:
                sections[-1]["letters"] |= letter
        kinds = dict(self.env["miz.secretariat.letter"]._fields["kind"]._description_selection(self.env))
        return {
            "doc_ids": docids,
            "doc_model": "miz.secretariat.letter",
            "docs": letters,
            "sections": sections,
            "kind_labels": kinds,
        }

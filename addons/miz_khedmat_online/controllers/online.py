import logging

from odoo import _, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.miz_base.tools import digits, jalali

from ..tools import uploads
from .catalog import _service, service_values
from .common import client_ip, pdf_response, remember_request, remembered_request, render, render_pdf

_logger = logging.getLogger(__name__)

OTP_SESSION_KEY = "miz_online_otp"
RECEIPT_SESSION_KEY = "miz_online_receipt"
MAX_FILES_PER_DOCUMENT = 3
MAX_REQUEST_BYTES = 25 * 1024 * 1024  # the whole form; nginx: client_max_body_size 25m on /miz/
MAX_NOTE = 2000


def max_file_bytes():
    value = request.env["ir.config_parameter"].sudo().get_param("miz_khedmat_online.max_upload_mb", "5")
    try:
        return max(1, min(int(value), 20)) * 1024 * 1024
    except ValueError:
        return uploads.DEFAULT_MAX_BYTES


def upload_error(key, label, filename):
    limit = digits.to_persian_digits(max_file_bytes() // (1024 * 1024))
    messages = {
        "empty": _("The file for “%(doc)s” is empty.", doc=label),
        "too_large": _("The file for “%(doc)s” is larger than %(mb)s MB.", doc=label, mb=limit),
        "type": _(
            "The file “%(file)s” for “%(doc)s” is not a PDF, JPEG or PNG file (its content was checked, not its "
            "name). Scan the document again as PDF or as a photo.",
            file=filename,
            doc=label,
        ),
        "extension": _(
            "The name of the file “%(file)s” for “%(doc)s” does not match its content: save it with the right "
            "extension (.pdf, .jpg or .png).",
            file=filename,
            doc=label,
        ),
    }
    return messages[key]


def read_files(storages, label):
    """``([(name, data, mimetype)], error)`` for the uploaded ``storages`` of one document."""
    result = []
    storages = [s for s in storages if s and s.filename][:MAX_FILES_PER_DOCUMENT]
    limit = max_file_bytes()
    for storage in storages:
        data = storage.read(limit + 1)
        name = uploads.safe_name(storage.filename)
        error = uploads.check(data, name, guess_mimetype, limit)
        if error:
            return [], upload_error(error, label, name)
        result.append((name, data, guess_mimetype(data)))
    return result, None


def body_too_large():
    length = request.httprequest.content_length
    return bool(length and length > MAX_REQUEST_BYTES)


class MizKhedmatOnlineRequest(http.Controller):
    """The online request: identity by national code and mobile, confirmed by a one-time SMS code; the form built
    from the service (extra questions, document uploads checked by content); the desk's own registration (origin
    online); the receipt on screen and as PDF; later, the SMS link reopening the upload of missing documents."""

    # ------------------------------------------------------------------ helpers
    def _otp(self):
        token = request.session.get(OTP_SESSION_KEY)
        record = request.env["miz.khedmat.online.otp"]._miz_find(token)
        return (record, token) if record else (record, None)

    def _identity_page(self, service, error=None, values=None, status=200):
        page = service_values(service)
        page.update(values or {}, error=error)
        return render("miz_khedmat_online.identify_page", page, status=status)

    # ------------------------------------------------------------------ identity
    @http.route("/miz/services/<int:service_id>/apply", type="http", auth="public", methods=["GET"], sitemap=False)
    def apply(self, service_id, **kwargs):
        service = _service(service_id)
        if not service:
            return render("miz_khedmat_online.not_found_page", status=404)
        if not service.online_available:
            return render("miz_khedmat_online.service_page", dict(service_values(service), offline=True))
        record, _token = self._otp()
        if record and record._miz_is_confirmed():
            return self._form_page(service, record)
        return self._identity_page(service)

    @http.route("/miz/online/identify", type="http", auth="public", methods=["POST"], sitemap=False)
    def identify(self, service_id=None, national_code=None, mobile=None, name=None, **kwargs):
        service = _service(int(service_id)) if str(service_id or "").isdigit() else None
        if not service or not service.online_available:
            return render("miz_khedmat_online.not_found_page", status=404)
        typed = {
            "national_code": (national_code or "")[:20],
            "mobile": (mobile or "")[:20],
            "name": (name or "")[:120],
        }
        if not typed["name"].strip():
            return self._identity_page(service, _("Write your first and last name."), typed, 400)
        try:
            token = request.env["miz.khedmat.online.otp"]._miz_send(
                typed["national_code"], typed["mobile"], typed["name"], client_ip()
            )
        except (UserError, ValidationError) as error:
            return self._identity_page(service, str(error.args[0]), typed, 400)
        request.session[OTP_SESSION_KEY] = token
        return render("miz_khedmat_online.code_page", dict(service_values(service), error=None))

    @http.route("/miz/online/verify", type="http", auth="public", methods=["POST"], sitemap=False)
    def verify(self, service_id=None, code=None, **kwargs):
        service = _service(int(service_id)) if str(service_id or "").isdigit() else None
        if not service:
            return render("miz_khedmat_online.not_found_page", status=404)
        record, token = self._otp()
        if not record:
            return self._identity_page(service, _("Your session has expired: ask for a new code."), status=400)
        try:
            record._miz_verify(token, (code or "")[:12], client_ip())
        except UserError as error:
            return render("miz_khedmat_online.code_page", dict(service_values(service), error=str(error.args[0])), 400)
        return request.redirect(f"/miz/services/{service.id}/apply")

    # ------------------------------------------------------------------ the form
    def _form_page(self, service, record, error=None, answers=None, status=200):
        page = service_values(service)
        page.update(
            identity=record,
            questions=service.online_question_ids,
            answers=answers or {},
            error=error,
            max_mb=digits.to_persian_digits(max_file_bytes() // (1024 * 1024)),
        )
        return render("miz_khedmat_online.form_page", page, status=status)

    @http.route("/miz/services/<int:service_id>/apply", type="http", auth="public", methods=["POST"], sitemap=False)
    def submit(self, service_id, **kwargs):
        service = _service(service_id)
        if not service or not service.online_available:
            return render("miz_khedmat_online.not_found_page", status=404)
        record, _token = self._otp()
        if not record or not record._miz_is_confirmed():
            return self._identity_page(service, _("Your confirmation has expired: ask for a new code."), status=400)
        if body_too_large():
            return self._form_page(service, record, _("The files are too large together: send smaller scans."), {}, 413)
        form = request.httprequest.form
        files = request.httprequest.files
        answers, answer_lines = {}, []
        for question in service.online_question_ids:
            value, error = question._miz_parse(form.get(question._miz_field_name(), "")[:4000])
            answers[question._miz_field_name()] = value
            if error:
                return self._form_page(service, record, error, answers, 400)
            if value:
                answer_lines.append({"sequence": question.sequence, "question": question.name, "value": value})
        uploaded = {}
        for document in service.document_ids:
            items, error = read_files(files.getlist(f"doc_{document.id}"), document.name)
            if error:
                return self._form_page(service, record, error, answers, 400)
            if document.required and not items:
                return self._form_page(service, record, _("Attach the document “%s”.", document.name), answers, 400)
            uploaded[document.id] = items
        note = (form.get("note") or "")[:MAX_NOTE]
        try:
            with request.env.cr.savepoint():
                registered = self._register(service, record, answer_lines, uploaded, note)
        except (UserError, ValidationError) as error:
            _logger.info("online request refused: %s", error)
            return self._form_page(service, record, str(error.args[0]), answers, 400)
        remember_request(registered.tracking_code)
        request.session[RECEIPT_SESSION_KEY] = registered.tracking_code
        request.session.pop(OTP_SESSION_KEY, None)
        return request.redirect("/miz/online/receipt")

    def _register(self, service, record, answer_lines, uploaded, note):
        """Create the request as the desk would and register it (the same registration, origin online)."""
        Request = request.env["miz.khedmat.request"].sudo()
        clerk = service._miz_online_clerk()
        created = Request.create(
            {
                "applicant_kind": "person",
                "applicant_code": record.national_code,
                "applicant_name": record.applicant_name,
                "applicant_mobile": record.mobile,
                "service_id": service.id,
                "channel": "electronic",
                "origin": "online",
                "clerk_id": clerk.id,
                "desk_unit_id": service.online_desk_unit_id.id,
                "note": note or False,
                "online_answer_ids": [fields.Command.create(line) for line in answer_lines],
            }
        )
        Attachment = request.env["ir.attachment"].sudo()
        for line in created.document_ids:
            items = uploaded.get(line.service_document_id.id) or []
            if not items:
                continue
            attachments = Attachment.create(
                [
                    {
                        "name": name,
                        "raw": data,
                        "mimetype": mimetype,
                        "res_model": created._name,
                        "res_id": created.id,
                        "public": False,
                    }
                    for name, data, mimetype in items
                ]
            )
            line.write({"attachment_ids": [fields.Command.set(attachments.ids)], "received": True})
        created._miz_register_checked()
        record.write({"state": "used", "request_id": created.id})
        return created

    # ------------------------------------------------------------------ receipt
    @http.route("/miz/online/receipt", type="http", auth="public", methods=["GET"], sitemap=False)
    def receipt(self, **kwargs):
        found = remembered_request(request.session.get(RECEIPT_SESSION_KEY))
        if not found:
            return request.redirect("/miz/track")
        return render(
            "miz_khedmat_online.receipt_page",
            {
                "req": found,
                "status": found._miz_online_status(),
                "fa": digits.to_persian_digits,
                "letter": digits.to_persian_digits(found.letter_id.name or ""),
                "documents": found.document_ids.filtered("received"),
                "registered": jalali.format_datetime(found.registration_date),
            },
        )

    # ------------------------------------------------------------------ missing documents (SMS link)
    @http.route(
        "/miz/online/complete/<string:token>", type="http", auth="public", methods=["GET", "POST"], sitemap=False
    )
    def complete(self, token, **kwargs):
        completion = request.env["miz.khedmat.online.completion"]._miz_find(token[:100])
        if not completion:
            return render("miz_khedmat_online.complete_page", {"completion": None, "done": False}, 404)
        values = {
            "completion": completion,
            "token": token,
            "done": False,
            "error": None,
            "fa": digits.to_persian_digits,
        }
        values["max_mb"] = digits.to_persian_digits(max_file_bytes() // (1024 * 1024))
        values["code"] = digits.to_persian_digits(completion.request_id.tracking_code_display)
        if request.httprequest.method != "POST":
            return render("miz_khedmat_online.complete_page", values)
        if body_too_large():
            values["error"] = _("The files are too large together: send smaller scans.")
            return render("miz_khedmat_online.complete_page", values, 413)
        received = {}
        for document in completion.document_ids:
            items, error = read_files(request.httprequest.files.getlist(f"doc_{document.id}"), document.name)
            if not error and not items:
                error = _("Attach the document “%s”.", document.name)
            if error:
                values["error"] = error
                return render("miz_khedmat_online.complete_page", values, 400)
            received[document] = items
        completion._miz_receive(received)
        values["done"] = True
        return render("miz_khedmat_online.complete_page", values)

    @http.route("/miz/online/receipt.pdf", type="http", auth="public", methods=["GET"], sitemap=False)
    def receipt_pdf(self, **kwargs):
        found = remembered_request(request.session.get(RECEIPT_SESSION_KEY))
        if not found:
            return request.redirect("/miz/track")
        pdf = render_pdf("miz_khedmat.action_report_receipt", found)
        return pdf_response(pdf, f"receipt-{found.tracking_code}.pdf")

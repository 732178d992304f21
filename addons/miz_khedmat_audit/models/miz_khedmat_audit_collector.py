import datetime

from odoo import api, fields, models

from odoo.addons.miz_base.tools import jalali

from ..tools import snapshot

SNAPSHOT_VERSION = 1
TZ = "Asia/Tehran"
REQUEST_MODEL = "miz.khedmat.request"
ELECTRONIC_CHANNELS = ("electronic", "combined")
E_KEYS = ("documents", "e_form", "e_delivery", "tracking_code", "tracking_steps", "sms", "e_survey")
# Section 2 row 3 evidence: satisfaction of questions 4, 7 and 8 of the questionnaire
EVIDENCE_QUESTIONS = (4, 7, 8)
AGE_QUESTION_XMLID = "miz_khedmat.survey_miz_satisfaction_age"


class MizKhedmatAuditCollector(models.AbstractModel):
    """The audit snapshot (Appendix 2 of guide 1717668) read from the service desk's live records.

    ``_miz_khedmat_audit_snapshot(agency, date_start, date_end)`` returns the dict of the ``miz.audit`` contract
    (version 1) for one agency (or provincial unit) and one period (local days, both included): the catalog with
    its booklet ticks (Section 3), the electronic capabilities each e-service really showed in the period
    (Section 5), the evidence of Section 2 and the questionnaire of Section 6. Nothing here is typed in: every
    tick comes from what the catalog holds or from what the system did. ``miz.audit._miz_collect_snapshot`` calls
    it when an audit is declared (the result is frozen in the audit).

    The records are read as superuser, always restricted to the agency given: the caller (the audit's action)
    has already checked the user's rights on the audit.
    """

    _name = "miz.khedmat.audit.collector"
    _description = "Audit Snapshot from the Service Desk"

    @api.model
    def _miz_khedmat_audit_snapshot(self, agency, date_start, date_end):
        agency.ensure_one()
        start, end = snapshot.utc_bounds(date_start, date_end, TZ)
        services = self._miz_audit_services(agency)
        e_services = services.filtered(lambda s: s.delivery_channel in ELECTRONIC_CHANNELS)
        e_flags = self._miz_audit_electronic(e_services, date_start, date_end, start, end)
        survey = self._miz_audit_survey(agency, date_start, date_end)
        return {
            "version": SNAPSHOT_VERSION,
            "services": [self._miz_audit_service_line(service, e_flags) for service in services],
            "evidence": self._miz_audit_evidence(agency, date_start, date_end, start, end, survey),
            "survey": survey,
        }

    # ------------------------------------------------------------------ catalog (Sections 1 and 3)
    @api.model
    def _miz_audit_services(self, agency):
        """The agency's desk services: active, given to citizens or businesses (not supervision, policy or
        inter-agency), G2C or G2B, in catalog order."""
        return (
            self.env["miz.khedmat.service"]
            .sudo()
            .search(
                [
                    ("agency_id", "=", agency.id),
                    ("active", "=", True),
                    ("nature", "=", "public"),
                    ("recipient_type", "in", ("g2c", "g2b")),
                ]
            )
        )

    @api.model
    def _miz_audit_info(self, service):
        """The eight booklet items of Section 3, ticked only when the catalog really holds them."""
        paid = service.fee_amount > 0
        explained = snapshot.has_text(service.fee_computation) or snapshot.has_text(service.fee_legal_basis)
        return {
            "workflow": snapshot.html_has_text(service.workflow_description),
            "documents": bool(service.document_ids),
            "laws": snapshot.has_text(service.laws),
            "duration": service.duration_promised_days > 0 or service.duration_avg_days > 0,
            # a paid service says where it is paid; a free one says so (its computation or legal basis)
            "fees": (paid and snapshot.has_text(service.fee_payment_place)) or (not paid and explained),
            "complaint": snapshot.has_text(service.complaint_procedure),
            "responsible": bool(service.responsible_user_id or service.responsible_unit_id),
            "faq": snapshot.html_has_text(service.faq),
        }

    @api.model
    def _miz_audit_service_line(self, service, e_flags):
        electronic = service.delivery_channel in ELECTRONIC_CHANNELS
        url = (service.url or "").strip()
        address = (service.address or "").strip()
        return {
            "id": service.id,
            "title": service.name,
            "code": service.code or "",
            "recipient": service.recipient_type,
            "channel": service.delivery_channel,
            "place": (url or address) if service.delivery_channel == "electronic" else (address or url),
            "info_channels": {
                "website": bool(url),
                "boards": service.miz_info_boards,
                "phone": snapshot.has_text(service.miz_info_phone),
            },
            "phone": (service.miz_info_phone or "").strip(),
            "info": self._miz_audit_info(service),
            "page_url": url,
            "e": {key: electronic and service.id in e_flags[key] for key in E_KEYS},
        }

    # ------------------------------------------------------------------ electronic desk (Section 5)
    @api.model
    def _miz_audit_electronic(self, services, date_start, date_end, start, end):
        """``{capability: set of service ids}`` — what the system did for each e-service in the period.

        Only online-origin requests (sent through the electronic desk) count, except for the SMS of steps, which
        the desk sends for every request of the service. "In the period" is the registration time of a request
        (its creation time while it is not registered yet), the delivery time for the electronic delivery, the
        message time for an SMS and the survey date for an answer.
        """
        flags = {key: set() for key in E_KEYS}
        if not services:
            return flags
        Request = self.env[REQUEST_MODEL].sudo()
        online = [
            ("service_id", "in", services.ids),
            ("origin", "=", "online"),
            "|",
            "&",
            ("registration_date", ">=", start),
            ("registration_date", "<", end),
            "&",
            "&",
            ("registration_date", "=", False),
            ("create_date", ">=", start),
            ("create_date", "<", end),
        ]

        def services_of(domain):
            return {service.id for [service] in Request._read_group(domain, ["service_id"])}

        flags["e_form"] = services_of(online)
        flags["documents"] = services_of(online + [("document_ids.attachment_ids", "!=", False)])
        flags["tracking_code"] = services_of(online + [("tracking_code", "!=", False)])
        # the public tracking page (/miz/track/<code>) shows the step a request is at: a code and a routing
        flags["tracking_steps"] = services_of(online + [("tracking_code", "!=", False), ("step_ids", "!=", False)])
        flags["e_delivery"] = services_of(
            [
                ("service_id", "in", services.ids),
                ("origin", "=", "online"),
                ("state", "=", "delivered"),
                ("delivered_date", ">=", start),
                ("delivered_date", "<", end),
                ("deliverable_attachment_ids", "!=", False),
            ]
        )
        flags["sms"] = self._miz_audit_sms_delivered(services, start, end)
        Input = self.env["survey.user_input"].sudo()
        survey = Input._miz_satisfaction_survey()
        flags["e_survey"] = {
            service.id
            for [service] in Input._read_group(
                [
                    ("miz_service_id", "in", services.ids),
                    ("survey_id", "=", survey.id),
                    ("state", "=", "done"),
                    ("miz_entry_mode", "=", "link"),
                    ("miz_period_date", ">=", date_start),
                    ("miz_period_date", "<=", date_end),
                ],
                ["miz_service_id"],
            )
        }
        return flags

    @api.model
    def _miz_audit_sms_delivered(self, services, start, end):
        """Services with at least one SMS of one of their requests, posted in the period, actually delivered: the
        ``sms.sms`` is ``sent`` (Odoo's "Delivered"; queued, sent-to-provider and failed ones do not count), or its
        chatter notification is (``sms.sms`` rows are garbage-collected once sent; the notification stays)."""
        in_period = [("model", "=", REQUEST_MODEL), ("date", ">=", start), ("date", "<", end)]
        Request = self.env[REQUEST_MODEL].sudo()
        notified = Request._read_group(
            [
                ("service_id", "in", services.ids),
                (
                    "message_ids",
                    "any",
                    in_period
                    + [
                        (
                            "notification_ids",
                            "any",
                            [("notification_type", "=", "sms"), ("notification_status", "=", "sent")],
                        )
                    ],
                ),
            ],
            ["service_id"],
        )
        found = {service.id for [service] in notified}
        sms = (
            self.env["sms.sms"]
            .sudo()
            .search_read([("state", "=", "sent"), ("mail_message_id", "any", in_period)], ["mail_message_id"])
        )
        message_ids = {row["mail_message_id"][0] for row in sms}
        if message_ids:
            request_ids = set(self.env["mail.message"].sudo().browse(message_ids).mapped("res_id"))
            found |= {
                service.id
                for [service] in Request._read_group(
                    [("id", "in", list(request_ids)), ("service_id", "in", services.ids)], ["service_id"]
                )
            }
        return found

    # ------------------------------------------------------------------ evidence (Section 2)
    @api.model
    def _miz_audit_working_days(self, agency, date_start, date_end):
        """The working days of the period on the agency's calendar (week and public holidays), up to today: a
        preview in the middle of a period does not count the days still to come as days without receipts."""
        last = min(date_end, jalali.to_local(fields.Datetime.now()).date())
        if last < date_start:
            return []
        is_working = agency._miz_working_day_checker(date_start, last)
        days, day = [], date_start
        while day <= last:
            if is_working(day):
                days.append(day)
            day += datetime.timedelta(days=1)
        return days

    @api.model
    def _miz_audit_evidence(self, agency, date_start, date_end, start, end, survey):
        """Row 2: receipts issued at the counter on each working day (per day, days without any, per weekday and
        two-hour band in Tehran time). Row 3: satisfaction of questions 4, 7 and 8."""
        Request = self.env[REQUEST_MODEL].sudo().with_context(tz=TZ)
        rows = Request._read_group(
            [
                ("agency_id", "=", agency.id),
                ("origin", "=", "counter"),
                ("registration_date", ">=", start),
                ("registration_date", "<", end),
            ],
            ["registration_date:hour"],
            ["__count"],
        )
        evidence = snapshot.receipts_evidence(
            {moment: count for moment, count in rows if moment},
            self._miz_audit_working_days(agency, date_start, date_end),
        )
        questions = {question["sequence"]: question for question in survey["questions"]}
        evidence["satisfaction"] = {
            str(number): {
                "mean": questions[number]["mean"] if number in questions else 0.0,
                "respondents": questions[number]["respondents"] if number in questions else 0,
            }
            for number in EVIDENCE_QUESTIONS
        }
        return evidence

    # ------------------------------------------------------------------ questionnaire (Section 6)
    @api.model
    def _miz_audit_survey_domain(self, agency, date_start, date_end):
        """Answers of the period for the agency's services (archived ones included: their answers were given).

        The services are given as ids, not as ``miz_service_id.agency_id``: PostgreSQL then estimates the answers
        from the statistics of ``miz_service_id`` instead of the agency's share of the catalog, which in a database
        holding many agencies' catalogs made it probe the answer lines one answer at a time."""
        services = (
            self.env["miz.khedmat.service"]
            .sudo()
            .with_context(active_test=False)
            .search([("agency_id", "=", agency.id)])
        )
        return [
            ("miz_service_id", "in", services.ids),
            ("miz_period_date", ">=", date_start),
            ("miz_period_date", "<=", date_end),
        ]

    @api.model
    def _miz_audit_survey(self, agency, date_start, date_end):
        """Per rated question: counts per level (1 = lowest … 5 = highest), mean and respondents; the demographics
        (choice answers per choice, ages in bands, numbers and short texts per value); the free-text suggestions.

        The same figures as ``survey.user_input._miz_satisfaction_by_question`` (completed answers of the
        questionnaire, skipped lines left out, a level's score is its ``answer_score``), read with the demographics
        in two grouped queries over the answer lines (the rated questions per level, the demographics per value), so
        Section 6 costs about two GROUP BYs however many answers a period has.
        """
        Input = self.env["survey.user_input"].sudo()
        survey = Input._miz_satisfaction_survey()
        domain = self._miz_audit_survey_domain(agency, date_start, date_end)
        inputs_domain = domain + [("state", "=", "done"), ("survey_id", "=", survey.id)]
        result = {
            "respondents": Input.search_count(inputs_domain),
            "questions": [],
            "demographics": [],
            "suggestions": [],
        }
        if not survey:
            return result
        questions = survey.sudo().question_ids.filtered(lambda q: not q.is_page)
        rated = Input._miz_rated_questions(survey)
        texts = questions.filtered(lambda q: q.question_type == "text_box")
        grouped = questions - texts
        Line = self.env["survey.user_input.line"].sudo()
        line_domain = [("user_input_id", "any", inputs_domain), ("skipped", "=", False)]
        values = {question.id: {} for question in grouped}
        # the rated questions on (question, level) as the single GROUP BY of the bench; the few demographic lines on
        # their values (grouping all lines on four columns would sort them all)
        demographic = grouped - rated
        rows = Line._read_group(
            line_domain + [("question_id", "in", rated.ids)], ["question_id", "suggested_answer_id"], ["__count"]
        )
        rows += [
            (question, choice, (number if question.question_type == "numerical_box" else text), count)
            for question, choice, number, text, count in Line._read_group(
                line_domain + [("question_id", "in", demographic.ids)],
                ["question_id", "suggested_answer_id", "value_numerical_box", "value_char_box"],
                ["__count"],
            )
        ]
        for row in rows:
            question, choice, count = row[0], row[1], row[-1]
            key = choice if question.question_type == "simple_choice" else row[2]
            bucket = values[question.id]
            bucket[key] = bucket.get(key, 0) + count
        for number, question in enumerate(rated, start=1):
            levels = {}
            for choice, count in values[question.id].items():
                if choice:
                    score = int(choice.answer_score)
                    levels[score] = levels.get(score, 0) + count
            result["questions"].append(
                dict(
                    snapshot.level_summary(levels),
                    sequence=number,
                    title=question.title,
                    axis=question.page_id.title or "",
                )
            )
        age = self.env.ref(AGE_QUESTION_XMLID, raise_if_not_found=False)
        for question in questions - rated:
            if question in texts:
                lines = Line.search(line_domain + [("question_id", "=", question.id)], order="id")
                result["suggestions"] += [
                    line.value_text_box.strip() for line in lines if snapshot.has_text(line.value_text_box)
                ]
            else:
                answers = self._miz_audit_demographic(question, values[question.id], question == age)
                result["demographics"].append({"question": question.title, "answers": answers})
        return result

    @api.model
    def _miz_audit_demographic(self, question, values, banded):
        """``[{"label", "count"}]`` of one demographic question from ``{choice, number or text: count}``."""
        if question.question_type == "simple_choice":
            return [{"label": choice.value, "count": values.get(choice, 0)} for choice in question.suggested_answer_ids]
        counts = {}
        for value, count in values.items():
            if question.question_type == "numerical_box":
                label = snapshot.age_band(value) if banded else str(int(value))
            else:
                label = " ".join((value or "").split())
            if label:
                counts[label] = counts.get(label, 0) + count
        if question.question_type == "numerical_box":
            order = (lambda label: (label != "<20", label)) if banded else (lambda label: int(label))
        else:
            order = lambda label: (-counts[label], label)  # noqa: E731
        return [{"label": label, "count": counts[label]} for label in sorted(counts, key=order)]

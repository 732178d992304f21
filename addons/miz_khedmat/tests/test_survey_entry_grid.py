from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import MizKhedmatCommon, MizKhedmatSetup

CHOICE_TYPES = ("simple_choice", "multiple_choice")


def _questions(env):
    survey = env["survey.user_input"]._miz_satisfaction_survey()
    return survey.sudo().question_ids


@tagged("post_install", "-at_install")
class TestSurveyEntryGridTour(MizKhedmatSetup, HttpCase):
    """The clerk enters the paper form on the one-screen grid (radio rows) in Chromium; the answers recorded are
    those clicked, value by value."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._miz_setup()

    def test_paper_form_on_one_screen(self):
        request = self._to_delivered(self._new_request())
        self.start_tour(
            f"/odoo/action-miz_khedmat.miz_khedmat_request_action/{request.id}",
            "miz_khedmat_survey_entry_grid_tour",
            login=self.clerk.login,
            timeout=180,
        )
        request.invalidate_recordset()
        answers = request.miz_survey_input_ids
        self.assertEqual(len(answers), 1, "one questionnaire per request (the SMS link is closed)")
        self.assertEqual((answers.state, answers.miz_entry_mode), ("done", "paper"))
        lines = answers.user_input_line_ids
        choice_questions = _questions(self.env).filtered(lambda q: q.question_type in CHOICE_TYPES)
        self.assertEqual(len(choice_questions), 17)
        # the tour ticks, on the i-th choice row, the choice at position i % 5 (the mistick on row 2 undone)
        for index, question in enumerate(choice_questions):
            expected = question.suggested_answer_ids[index % 5]
            recorded = lines.filtered(lambda line, q=question: line.question_id == q)
            self.assertEqual(recorded.suggested_answer_id, expected, f"row {index + 1}: {question.title}")
            self.assertFalse(recorded.skipped)
        scores = [
            int(lines.filtered(lambda line, q=question: line.question_id == q).suggested_answer_id.answer_score)
            for question in choice_questions[1:]
        ]
        self.assertEqual(scores, [5 - (i % 5) for i in range(1, 17)])

        def value(xmlid, field):
            question = self.env.ref(f"miz_khedmat.survey_miz_satisfaction_{xmlid}")
            return lines.filtered(lambda line: line.question_id == question)[field]

        self.assertEqual(value("gender", "suggested_answer_id").value, "مرد")
        self.assertEqual(value("age", "value_numerical_box"), 35.0)
        self.assertEqual(value("visits", "value_numerical_box"), 2.0)
        self.assertEqual(value("education", "value_char_box"), "کارشناسی")
        self.assertEqual(value("job", "value_char_box"), "کارمند")
        self.assertEqual(value("comment", "value_text_box"), "سپاس از میز خدمت")
        self.assertEqual(len(lines), 22)
        # the dashboard counts it: question 1 (row 2) got level 2 of 5 = زیاد (4)
        stats = self.env["survey.user_input"]._miz_satisfaction_by_question([("miz_request_id", "=", request.id)])
        self.assertEqual([row["count"] for row in stats], [1] * 16)
        self.assertEqual(stats[0]["levels"], {4: 1})
        self.assertFalse(request.miz_survey_input_ids.filtered(lambda i: i.state != "done"))


@tagged("post_install", "-at_install")
class TestSurveyEntryGrid(MizKhedmatCommon):
    """What the grid reads from the lines, and the checks of ``action_confirm`` (called as an RPC client would)."""

    def _wizard(self, request):
        return (
            self.env["miz.khedmat.survey.entry"]
            .with_user(self.clerk)
            .with_context(default_request_id=request.id, lang="fa_IR")
            .create({})
        )

    def test_lines_carry_choices_and_axes(self):
        wizard = self._wizard(self._to_delivered(self._new_request()))
        by_type = {}
        for line in wizard.line_ids:
            by_type.setdefault(line.question_type, []).append(line)
            if line.question_type in CHOICE_TYPES:
                self.assertEqual(
                    line.choice_data,
                    [[a.id, a.value] for a in line.question_id.suggested_answer_ids],
                )
            else:
                self.assertFalse(line.choice_data)
        self.assertEqual(len(by_type["simple_choice"]), 17)
        gender = by_type["simple_choice"][0]
        self.assertEqual([label for _id, label in gender.choice_data], ["مرد", "زن"])
        self.assertFalse(gender.axis)
        self.assertEqual(
            [label for _id, label in by_type["simple_choice"][1].choice_data],
            ["خیلی زیاد", "زیاد", "متوسط", "کم", "کمتر"],
        )
        self.assertEqual(by_type["simple_choice"][1].axis, "شفافیت فرایندی")
        self.assertEqual(by_type["simple_choice"][-1].axis, "کلیت فرایند")
        self.assertEqual(len(by_type["numerical_box"]), 2)
        # the form view draws the lines with the grid widget
        arch = self.env.ref("miz_khedmat.miz_khedmat_survey_entry_view_form").arch
        self.assertIn('widget="miz_survey_grid"', arch)

    def test_choice_of_another_question_refused(self):
        request = self._to_delivered(self._new_request())
        wizard = self._wizard(request)
        q1, q2 = wizard.line_ids.filtered(lambda line: line.question_type == "simple_choice")[1:3]
        # a forged write, as an RPC client may send: the answer of question 2 on the line of question 1
        q1.write({"answer_id": q2.question_id.suggested_answer_ids[0].id})
        with self.assertRaisesRegex(UserError, "جزو گزینه‌های پرسش"):
            wizard.action_confirm()
        self.assertFalse(request.miz_survey_input_ids.filtered(lambda i: i.state == "done"))

    def test_mandatory_and_empty_forms(self):
        request = self._to_delivered(self._new_request())
        wizard = self._wizard(request)
        with self.assertRaisesRegex(UserError, "دست‌کم یک پاسخ"):
            wizard.action_confirm()
        q16 = self.env["survey.user_input"]._miz_rated_questions()[15]
        q16.constr_mandatory = True
        line1 = wizard.line_ids.filtered(lambda line: line.question_type == "simple_choice")[1]
        line1.answer_id = line1.question_id.suggested_answer_ids[0]
        with self.assertRaises(UserError) as caught:
            wizard.action_confirm()
        self.assertIn(q16.title, str(caught.exception))
        self.assertIn("باید پاسخ داده شود", str(caught.exception))
        self.assertFalse(request.miz_survey_input_ids.filtered(lambda i: i.state == "done"))
        line16 = wizard.line_ids.filtered(lambda line: line.question_id == q16)
        line16.answer_id = q16.suggested_answer_ids[2]
        wizard.action_confirm()
        done = request.miz_survey_input_ids.filtered(lambda i: i.state == "done")
        self.assertEqual(
            done.user_input_line_ids.filtered("suggested_answer_id").mapped("suggested_answer_id"),
            line1.answer_id | q16.suggested_answer_ids[2],
        )

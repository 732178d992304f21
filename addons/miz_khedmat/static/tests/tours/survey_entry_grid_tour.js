import { registry } from "@web/core/registry";

/**
 * As the desk clerk: open the paper-survey entry of a delivered request, check the one-screen layout
 * (a header row per axis naming the five levels, the question on the right of its choices in the RTL
 * page), tick on every choice row the choice at position (row index % 5), undo a mistick by clicking
 * the ticked radio again, type the age and the visits in Persian digits and the texts, and record the
 * form. The Python test (tests/test_survey_entry_grid.py) checks the recorded answers, value by value.
 */
const CHOICE_ROWS = 17;
const row = (i) => `.modal .o_miz_survey_row[data-kind='choice']:eq(${i})`;

function tickSteps() {
    const steps = [];
    for (let i = 0; i < CHOICE_ROWS; i++) {
        const index = i % 5;
        steps.push(
            {
                content: `Row ${i + 1}: tick choice ${index + 1}`,
                trigger: `${row(i)} input[type='radio'][data-index='${index}']`,
                run: "click",
            },
            {
                content: `Row ${i + 1}: exactly that choice is ticked`,
                trigger: `${row(i)}.o_miz_survey_answered input[data-index='${index}']:checked`,
            }
        );
    }
    return steps;
}

registry.category("web_tour.tours").add("miz_khedmat_survey_entry_grid_tour", {
    steps: () => [
        {
            content: "Open the paper-survey entry",
            trigger: ".o_form_view button[name='action_miz_survey_entry']",
            run: "click",
        },
        {
            content: "One screen: a header row per axis (respondent + six axes)",
            trigger: ".modal .o_miz_survey_grid",
            run() {
                const grid = document.querySelector(".modal .o_miz_survey_grid");
                const axes = [...grid.querySelectorAll(".o_miz_survey_axis_title")].map((th) =>
                    th.textContent.trim()
                );
                const expected = [
                    "مشخصات پاسخ‌دهنده",
                    "شفافیت فرایندی",
                    "پاسخگویی و مسئولیت پذیری",
                    "تسلط بر فرایند",
                    "زمان فرایند",
                    "نظام مند بودن فرایند",
                    "کلیت فرایند",
                ];
                if (axes.join("|") !== expected.join("|")) {
                    throw new Error(`Axis header rows: ${axes.join(", ")}`);
                }
                const levels = [
                    ...grid.querySelectorAll("tbody:nth-of-type(2) .o_miz_survey_level"),
                ].map((th) => th.textContent.trim());
                if (levels.join("|") !== "خیلی زیاد|زیاد|متوسط|کم|کمتر") {
                    throw new Error(`Level header of the first axis: ${levels.join(", ")}`);
                }
                const choiceRows = grid.querySelectorAll(".o_miz_survey_row[data-kind='choice']");
                if (choiceRows.length !== CHOICE_ROWS) {
                    throw new Error(`${choiceRows.length} choice rows instead of ${CHOICE_ROWS}`);
                }
                if (grid.querySelector("select, .o_field_many2one")) {
                    throw new Error("A dropdown is left on the paper-survey screen");
                }
                // the question number of the first rated question is in the user's (Persian) digits
                const first = choiceRows[1];
                if (first.querySelector(".o_miz_survey_number").textContent.trim() !== "۱") {
                    throw new Error("The rated questions are not numbered from ۱");
                }
                // RTL: the question text is on the right, its first choice to its left
                const question = first.querySelector(".o_miz_survey_question").getBoundingClientRect();
                const choice = first.querySelector(".o_miz_survey_choice").getBoundingClientRect();
                if (getComputedStyle(grid).direction !== "rtl" || !(choice.right <= question.left + 1)) {
                    throw new Error("The question is not on the right of its choices");
                }
            },
        },
        {
            content: "A mistick on the second row…",
            trigger: `${row(1)} input[data-index='4']`,
            run: "click",
        },
        {
            content: "…is undone by clicking the ticked radio again",
            trigger: `${row(1)} input[data-index='4']:checked`,
            run: "click",
        },
        {
            content: "The second row has no choice ticked any more",
            trigger: `${row(1)}:not(.o_miz_survey_answered):not(:has(input:checked))`,
        },
        ...tickSteps(),
        {
            content: "Age, in Persian digits",
            trigger: ".modal .o_miz_survey_row[data-kind='number']:eq(0) input",
            run: "edit ۳۵",
        },
        {
            content: "Visits this year, first written as a word",
            trigger: ".modal .o_miz_survey_row[data-kind='number']:eq(1) input",
            run: "edit سه",
        },
        {
            content: "Education (leaving the visits input)",
            trigger: ".modal .o_miz_survey_row[data-kind='text']:eq(0) input",
            run: "click",
        },
        {
            content: "A word is not a number: the input is marked invalid",
            trigger: ".modal .o_miz_survey_row[data-kind='number']:eq(1) input.is-invalid:value('سه')",
        },
        {
            content: "Recording now is refused (invalid fields)",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Odoo names the invalid lines",
            trigger: ".o_notification:has(.o_notification_bar.bg-danger)",
        },
        {
            content: "The form is still open; the visits corrected in Persian digits",
            trigger: ".modal .o_miz_survey_row[data-kind='number']:eq(1) input",
            run: "edit ۲",
        },
        {
            content: "Education",
            trigger: ".modal .o_miz_survey_row[data-kind='text']:eq(0) input",
            run: "edit کارشناسی",
        },
        {
            content: "Job",
            trigger: ".modal .o_miz_survey_row[data-kind='text']:eq(1) input",
            run: "edit کارمند",
        },
        {
            content: "Comment",
            trigger: ".modal .o_miz_survey_row[data-kind='textarea'] textarea",
            run: "edit سپاس از میز خدمت",
        },
        {
            content: "The visits are no longer invalid",
            trigger: ".modal .o_miz_survey_row[data-kind='number']:eq(1).o_miz_survey_answered input:not(.is-invalid)",
        },
        {
            content: "The age is shown back in Persian digits",
            trigger: ".modal .o_miz_survey_row[data-kind='number']:eq(0).o_miz_survey_answered input:value('۳۵')",
        },
        {
            content: "Record the form",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The recorded answer opens",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name='survey_id']",
        },
    ],
});

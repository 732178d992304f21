import { Component, useEffect, useRef, useState } from "@odoo/owl";
import { useBus } from "@web/core/utils/hooks";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

const CHOICE_TYPES = ["simple_choice", "multiple_choice"];

let nextId = 0;

/**
 * The input of a numerical or text row. Its text is set from ``props.text`` only while the clerk is not
 * typing in it (a re-render caused by another row never wipes what is being typed); what is typed goes to
 * ``onInput`` as it comes and to ``onCommit`` on change and on blur.
 */
export class MizSurveyGridInput extends Component {
    static template = "miz_khedmat.SurveyGridInput";
    static props = {
        kind: String,
        text: String,
        invalid: Boolean,
        readonly: { type: Boolean, optional: true },
        labelledby: String,
        onInput: Function,
        onCommit: Function,
    };

    setup() {
        this.input = useRef("input");
        useEffect(
            (el, text) => {
                if (el && el !== document.activeElement && el.value !== text) {
                    el.value = text;
                }
            },
            () => [this.input.el, this.props.text]
        );
    }

    onInput(ev) {
        this.props.onInput(ev.target.value);
    }

    onCommit(ev) {
        this.props.onCommit(ev.target.value);
    }
}

/**
 * The paper satisfaction form on one screen (widget of the one2many ``line_ids`` of
 * ``miz.khedmat.survey.entry``): one row per question, the question on the right (RTL) and its choices
 * as radio buttons across the row, a header row per axis (the page of the questionnaire) that names the
 * levels when every choice question of the axis has the same ones, as the printed form does. Numerical
 * and text questions get a small input on their row. A click on a radio writes ``answer_id`` of the
 * line; a click on the ticked radio clears it (a mistick is undone without a dropdown).
 *
 * The lines carry ``question_id``, ``question_type``, ``axis``, ``mandatory``, ``choice_data``
 * (``[[answer id, label], …]`` in the order of the form), ``answer_id``, ``value_number`` and ``value_text``
 * (the ``<list>`` of the view names them so they are loaded).
 */
export class MizSurveyGrid extends Component {
    static template = "miz_khedmat.SurveyGrid";
    static components = { MizSurveyGridInput };
    static props = { ...standardFieldProps };

    setup() {
        this.id = `miz_survey_grid_${nextId++}`;
        // line id -> text the clerk typed that is not a number
        this.invalid = useState({});
        // line id -> [line, kind, text] typed and not yet written on the line (written on change, on blur
        // and when the form saves, as Odoo's own inputs do)
        this.pending = new Map();
        useBus(this.props.record.model.bus, "NEED_LOCAL_CHANGES", ({ detail }) =>
            detail.proms.push(this.commitAll())
        );
    }

    get lines() {
        return this.props.record.data[this.props.name].records;
    }

    /** The widest choice list: the number of choice columns of the table. */
    get columnCount() {
        return Math.max(1, ...this.lines.map((line) => (line.data.choice_data || []).length));
    }

    /**
     * Lines grouped by axis, in the order of the questionnaire:
     * ``[{key, title, levels (labels of the header row or null), rows: [{line, kind, number, choices}]}]``.
     */
    get groups() {
        const groups = [];
        let number = 0;
        for (const line of this.lines) {
            const axis = line.data.axis || "";
            let group = groups.at(-1);
            if (!group || group.axis !== axis) {
                group = {
                    key: `${groups.length}_${axis}`,
                    axis,
                    title: axis || _t("Respondent"),
                    rows: [],
                };
                groups.push(group);
            }
            const isChoice = CHOICE_TYPES.includes(line.data.question_type);
            if (isChoice && axis) {
                number++;
            }
            group.rows.push({
                line,
                kind: isChoice ? "choice" : this.inputKind(line.data.question_type),
                number: isChoice && axis ? this.digits(number) : "",
                choices: line.data.choice_data || [],
            });
        }
        for (const group of groups) {
            const choiceRows = group.rows.filter((row) => row.kind === "choice");
            const labels = choiceRows.map((row) => row.choices.map((choice) => choice[1]).join("\n"));
            group.levels =
                choiceRows.length > 1 && labels.every((label) => label === labels[0])
                    ? choiceRows[0].choices.map((choice) => choice[1])
                    : null;
        }
        return groups;
    }

    inputKind(questionType) {
        if (questionType === "numerical_box") {
            return "number";
        }
        return questionType === "text_box" ? "textarea" : "text";
    }

    /** A number in the user's digits (Persian for a Persian user, through miz_base's formatter). */
    digits(value) {
        const format = registry.category("formatters").get("integer", null);
        return format ? format(value) : String(value);
    }

    questionTitle(line) {
        return line.data.question_id ? line.data.question_id[1] : "";
    }

    selectedChoice(line) {
        const value = line.data.answer_id;
        return Array.isArray(value) ? value[0] : value || false;
    }

    radioName(line) {
        return `${this.id}_${line.id}`;
    }

    isAnswered(row) {
        const data = row.line.data;
        if (row.kind === "choice") {
            return Boolean(this.selectedChoice(row.line));
        }
        if (row.kind === "number") {
            return Boolean(data.value_number);
        }
        return Boolean((data.value_text || "").trim());
    }

    onChoiceClick(line, choice) {
        if (this.props.readonly) {
            return;
        }
        const ticked = this.selectedChoice(line) === choice[0];
        line.update({ answer_id: ticked ? false : [choice[0], choice[1]] });
    }

    /**
     * The text of the input of a numerical or text row: what the clerk is typing (a re-render caused by
     * another row must not wipe it), the invalid number kept in red, or the value of the line.
     */
    inputText(row) {
        const line = row.line;
        if (this.pending.has(line.id)) {
            return this.pending.get(line.id)[2];
        }
        if (row.kind !== "number") {
            return line.data.value_text || "";
        }
        if (line.id in this.invalid) {
            return this.invalid[line.id];
        }
        const value = line.data.value_number;
        if (!value) {
            return "";
        }
        const format = registry.category("formatters").get("float", null);
        const digits = [16, Number.isInteger(value) ? 0 : 2];
        return format ? format(value, { digits }) : String(value);
    }

    onInput(line, kind, text) {
        this.pending.set(line.id, [line, kind, text]);
    }

    commitAll() {
        return Promise.all([...this.pending.values()].map((pending) => this.commit(...pending)));
    }

    /**
     * Write what was typed on the line: a number (Latin or Persian digits) for a numerical question, else
     * the text. A number that does not parse stays on screen in red and the line is marked invalid, so the
     * form is not saved (Odoo's "invalid fields" notification) until it is corrected.
     */
    async commit(line, kind, text) {
        this.pending.delete(line.id);
        if (kind !== "number") {
            if ((line.data.value_text || "") !== text) {
                await line.update({ value_text: text });
            }
            return;
        }
        text = text.trim();
        let value = 0;
        if (text) {
            try {
                value = registry.category("parsers").get("float")(text);
            } catch {
                value = NaN;
            }
        }
        if (!Number.isFinite(value)) {
            this.invalid[line.id] = text;
            await line.update({ value_number: 0 });
            await line.setInvalidField("value_number");
            return;
        }
        delete this.invalid[line.id];
        if (line.data.value_number !== value || line.isFieldInvalid("value_number")) {
            await line.update({ value_number: value });
            await line.resetFieldValidity("value_number");
        }
    }
}

export const mizSurveyGrid = {
    component: MizSurveyGrid,
    displayName: _t("Paper survey grid"),
    supportedTypes: ["one2many"],
    isEmpty: () => false,
};

registry.category("fields").add("miz_survey_grid", mizSurveyGrid);

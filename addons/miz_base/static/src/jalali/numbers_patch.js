/**
 * Persian digits where a Persian-language user reads numbers, Latin digits in what is sent to the server.
 *
 * Shown in Persian digits: integer, float and monetary values (list and pivot cells through the
 * "formatters" registry, readonly field widgets, list aggregates), the pager and the group counters of
 * lists, kanban columns and the search panel. Typed in either set: Persian (۰-۹) and Arabic-Indic (٠-٩)
 * digits and the Arabic decimal/thousands separators (٫ ٬) are read as Latin by the "parsers" registry,
 * the pager and every numeric input of the web client (normalized as they are typed, before Odoo reads
 * the input). Values stay JavaScript numbers: only text changes.
 */
import { localization } from "@web/core/l10n/localization";
import { Pager } from "@web/core/pager/pager";
import { registry } from "@web/core/registry";
import { patch } from "@web/core/utils/patch";
import { FloatField } from "@web/views/fields/float/float_field";
import "@web/views/fields/formatters";
import { IntegerField } from "@web/views/fields/integer/integer_field";
import { MonetaryField } from "@web/views/fields/monetary/monetary_field";
import "@web/views/fields/parsers";
import { KanbanHeader } from "@web/views/kanban/kanban_header";
import { ListRenderer } from "@web/views/list/list_renderer";
import { SearchPanel } from "@web/search/search_panel/search_panel";
import { toLatinDigits, toPersianDigits } from "./jalali_core";
import { jalaliSettings } from "./jalali_settings";

/** The text with Persian digits for a Persian-language user, unchanged for the others. */
export function localDigits(text) {
    if (text === undefined || text === null || text === false) {
        return text;
    }
    return jalaliSettings.persianDigits() ? toPersianDigits(String(text)) : text;
}

/** Typed text with Latin digits and the user's separators instead of the Arabic ones (٫ ٬). */
export function normalizeNumberInput(text) {
    if (typeof text !== "string") {
        return text;
    }
    return toLatinDigits(text)
        .replace(/\u066b/g, localization.decimalPoint || ".")
        .replace(/\u066c/g, localization.thousandsSep || ",");
}

const NUMBER_TYPES = ["integer", "float", "monetary", "percentage", "float_time"];

const formatters = registry.category("formatters");
for (const type of NUMBER_TYPES) {
    const format = formatters.get(type, null);
    if (format) {
        formatters.add(type, (value, options) => localDigits(format(value, options)), {
            force: true,
        });
    }
}

const parsers = registry.category("parsers");
for (const type of NUMBER_TYPES) {
    const parse = parsers.get(type, null);
    if (parse) {
        parsers.add(type, (value, options) => parse(normalizeNumberInput(value), options), {
            force: true,
        });
    }
}

for (const FieldClass of [IntegerField, FloatField, MonetaryField]) {
    patch(FieldClass.prototype, {
        get formattedValue() {
            const value = super.formattedValue;
            return this.props.readonly ? localDigits(value) : value;
        },
    });
}

patch(FloatField.prototype, {
    parse(value) {
        return super.parse(normalizeNumberInput(value));
    },
});

patch(Pager.prototype, {
    get value() {
        const value = super.value;
        return this.state.isEditing ? value : localDigits(value);
    },
    mizDigits: localDigits,
    setValue(value) {
        return super.setValue(normalizeNumberInput(value));
    },
});

for (const ComponentClass of [ListRenderer, KanbanHeader, SearchPanel]) {
    patch(ComponentClass.prototype, { mizDigits: localDigits });
}

// Numeric inputs (integer/float/monetary widgets, the pager…): Persian/Arabic digits become Latin as they
// are typed, in the capture phase, so Odoo's own input and change handlers read Latin digits.
const NUMERIC_INPUTS = [
    "input[inputmode='numeric']",
    "input[inputmode='decimal']",
    ".o_field_monetary input",
    ".o_field_float_time input",
    "input.o_pager_value",
].join(",");

export function normalizeNumericInputElement(el) {
    if (!(el instanceof HTMLInputElement) || !el.matches(NUMERIC_INPUTS)) {
        return;
    }
    const normalized = normalizeNumberInput(el.value);
    if (normalized !== el.value) {
        const { selectionStart, selectionEnd } = el;
        el.value = normalized; // one character for one: the caret stays where it was
        try {
            el.setSelectionRange(selectionStart, selectionEnd);
        } catch {
            // inputs of type number have no selection
        }
    }
}

for (const type of ["input", "change"]) {
    document.addEventListener(type, (ev) => normalizeNumericInputElement(ev.target), true);
}

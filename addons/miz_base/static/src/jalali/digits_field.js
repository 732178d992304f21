/**
 * `widget="miz_digits"` on a char field: a code or number kept as text (a tracking code, a letter number) is shown
 * in the user's digits — Persian for a Persian-language user — in lists, kanban cards and readonly forms. The
 * value itself, what is typed and what is searched stay as they are (the server reads either digit set).
 */
import { registry } from "@web/core/registry";
import { CharField, charField } from "@web/views/fields/char/char_field";
import { localDigits } from "./numbers_patch";

export class MizDigitsField extends CharField {
    get formattedValue() {
        return localDigits(super.formattedValue);
    }
}

export const mizDigitsField = {
    ...charField,
    component: MizDigitsField,
};

registry.category("fields").add("miz_digits", mizDigitsField);

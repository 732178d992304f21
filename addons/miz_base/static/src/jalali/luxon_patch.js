/**
 * Jalali text for dates, Gregorian values underneath.
 *
 * Odoo formats every date/datetime shown to the user through
 * `formatDate`/`formatDateTime` (@web/core/l10n/dates), which end in
 * `DateTime#toFormat(<user's localization format>)`, and parses user input
 * through `parseDate`/`parseDateTime`, which call `DateTime.fromFormat`.
 * ES module exports cannot be replaced, so we patch those two luxon entry
 * points, narrowly:
 *  - toFormat: only for the user's display formats (localization date,
 *    datetime and short-datetime formats and their condensed variants) and
 *    without options. Serialization (`serializeDate`/`serializeDateTime`
 *    pass `{ numberingSystem: "latn" }` and the server format) and every
 *    technical format stay untouched, so the server always receives Gregorian.
 *  - fromFormat: for date formats, input is read as a Jalali date (Persian or
 *    Latin digits) and converted to the Gregorian DateTime.
 */
import { localization } from "@web/core/l10n/localization";
import { patch } from "@web/core/utils/patch";
import { formatJalali, isDateFormat, parseJalali, toLatinDigits } from "./jalali_core";
import { jalaliSettings } from "./jalali_settings";

const { DateTime } = luxon;

/** Same transformation as the (private) getCondensedFormat of @web/core/l10n/dates. */
function condense(format) {
    return format
        .replace(/(^|[^M])M{2}([^M]|$)/, "$1M$2")
        .replace(/(^|[^d])d{2}([^d]|$)/, "$1d$2")
        .replace(/(^|[^H])H{2}([^H]|$)/, "$1H$2");
}

let displayFormatsKey = null;
let displayFormats = new Set();

/** The luxon formats Odoo uses to show dates to this user. */
export function getDisplayFormats() {
    const { dateFormat, dateTimeFormat, shortTimeFormat } = localization;
    const key = `${dateFormat}|${dateTimeFormat}|${shortTimeFormat}`;
    if (key !== displayFormatsKey) {
        const formats = [dateFormat, dateTimeFormat, `${dateFormat} ${shortTimeFormat}`].filter(
            (f) => f && !f.includes("undefined")
        );
        displayFormats = new Set([...formats, ...formats.map(condense)]);
        displayFormatsKey = key;
    }
    return displayFormats;
}

const hasOptions = (opts) => opts && Object.keys(opts).length > 0;

patch(DateTime.prototype, {
    toFormat(fmt, opts) {
        if (
            !hasOptions(opts) &&
            this.isValid &&
            jalaliSettings.isActive() &&
            getDisplayFormats().has(fmt)
        ) {
            return formatJalali(this, fmt, {
                persianDigits: jalaliSettings.persianDigits(),
                delegate: (dt, token) => super.toFormat.call(dt, token),
            });
        }
        return super.toFormat(fmt, opts);
    },
});

patch(DateTime, {
    fromFormat(text, fmt, opts = {}) {
        if (!jalaliSettings.isActive() || typeof text !== "string" || !isDateFormat(fmt)) {
            return super.fromFormat(text, fmt, opts);
        }
        const jalali = parseJalali(text, fmt, opts);
        if (jalali) {
            return jalali;
        }
        // Not a valid Jalali date: accept an explicit Gregorian date (a year
        // after 1700), never a Jalali-looking year read as Gregorian.
        const gregorian = super.fromFormat(toLatinDigits(text), fmt, {
            ...opts,
            numberingSystem: "latn",
        });
        if (gregorian.isValid && gregorian.year > 1700) {
            return gregorian;
        }
        return DateTime.invalid("miz_base: not a valid Jalali date");
    },
});

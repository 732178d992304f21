/**
 * Jalali (Solar Hijri) calendar helpers for the web client.
 *
 * Pure functions on luxon DateTime objects: conversion, formatting with
 * Persian or Latin digits and parsing of Persian/Latin-digit input. Gregorian
 * values stay the single source of truth: a DateTime is always a Gregorian
 * instant, only its *text* is Jalali.
 */
import {
    isLeapJalaaliYear,
    isValidJalaaliDate,
    jalaaliMonthLength,
    toGregorian,
    toJalaali,
} from "@miz_base/../lib/jalaali/jalaali";

const { DateTime } = luxon;

export const MONTH_NAMES_FA = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];
export const MONTH_NAMES_LATIN = [
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
];
/** Indexed by luxon weekday (1 = Monday … 7 = Sunday). */
export const WEEKDAY_NAMES_FA = [
    "",
    "دوشنبه",
    "سه‌شنبه",
    "چهارشنبه",
    "پنجشنبه",
    "جمعه",
    "شنبه",
    "یکشنبه",
];
export const WEEKDAY_NARROW_FA = ["", "د", "س", "چ", "پ", "ج", "ش", "ی"];

const PERSIAN_ZERO = 0x06f0;
const ARABIC_ZERO = 0x0660;

/** @param {string} text */
export function toPersianDigits(text) {
    return String(text).replace(/[0-9]/g, (d) => String.fromCharCode(PERSIAN_ZERO + Number(d)));
}

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits to Latin digits. */
export function toLatinDigits(text) {
    return String(text)
        .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - PERSIAN_ZERO))
        .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - ARABIC_ZERO));
}

export { isLeapJalaaliYear, isValidJalaaliDate, jalaaliMonthLength };

/**
 * @param {luxon.DateTime} dt
 * @returns {{ jy: number, jm: number, jd: number }}
 */
export function toJalali(dt) {
    return toJalaali(dt.year, dt.month, dt.day);
}

/**
 * Gregorian DateTime at the start of the given Jalali day.
 * @param {number} jy
 * @param {number} jm
 * @param {number} jd
 * @param {Object} [opts] luxon options (zone, locale, numberingSystem)
 */
export function fromJalali(jy, jm, jd, opts = {}) {
    const { gy, gm, gd } = toGregorian(jy, jm, jd);
    return DateTime.fromObject({ year: gy, month: gm, day: gd }, opts);
}

/** Start (00:00) of the Jalali month containing dt, in dt's zone. */
export function startOfJalaliMonth(dt) {
    const { jd } = toJalali(dt);
    return dt.minus({ days: jd - 1 }).startOf("day");
}

/** Start of the Jalali year containing dt, in dt's zone. */
export function startOfJalaliYear(dt) {
    const { jy } = toJalali(dt);
    const { gy, gm, gd } = toGregorian(jy, 1, 1);
    return dt.set({ year: gy, month: gm, day: gd }).startOf("day");
}

/**
 * Adds whole Jalali months, clamping the day to the target month length
 * (like luxon does for Gregorian months).
 */
export function plusJalaliMonths(dt, months) {
    const { jy, jm, jd } = toJalali(dt);
    const index = jy * 12 + (jm - 1) + months;
    const ty = Math.floor(index / 12);
    const tm = (index % 12) + 1;
    const td = Math.min(jd, jalaaliMonthLength(ty, tm));
    const { gy, gm, gd } = toGregorian(ty, tm, td);
    return dt.set({ year: gy, month: gm, day: gd });
}

//-----------------------------------------------------------------------------
// Formatting
//-----------------------------------------------------------------------------

/**
 * Splits a luxon format into tokens: { literal: true, val } for quoted or
 * non-letter text, { literal: false, val } for runs of the same letter.
 * @param {string} fmt
 */
export function tokenize(fmt) {
    const tokens = [];
    let i = 0;
    while (i < fmt.length) {
        const c = fmt[i];
        if (c === "'") {
            const end = fmt.indexOf("'", i + 1);
            const stop = end === -1 ? fmt.length : end;
            tokens.push({ literal: true, val: fmt.slice(i + 1, stop) });
            i = stop + 1;
        } else if (/[a-z]/i.test(c)) {
            let j = i;
            while (j < fmt.length && fmt[j] === c) {
                j++;
            }
            tokens.push({ literal: false, val: fmt.slice(i, j) });
            i = j;
        } else {
            let j = i;
            while (j < fmt.length && fmt[j] !== "'" && !/[a-z]/i.test(fmt[j])) {
                j++;
            }
            tokens.push({ literal: true, val: fmt.slice(i, j) });
            i = j;
        }
    }
    return tokens;
}

const pad = (n, len) => String(n).padStart(len, "0");

/**
 * Formats a DateTime with a luxon format string, Jalali for the date parts.
 * Time, zone and other tokens are delegated to luxon (Gregorian-neutral).
 *
 * @param {luxon.DateTime} dt
 * @param {string} fmt luxon format (e.g. "yyyy/MM/dd HH:mm:ss")
 * @param {{ persianDigits?: boolean, persianNames?: boolean, delegate?: Function }} [options]
 */
export function formatJalali(dt, fmt, options = {}) {
    const { persianDigits = false, persianNames = persianDigits } = options;
    const delegate = options.delegate || ((d, token) => d.toFormat(token));
    const { jy, jm, jd } = toJalali(dt);
    const months = persianNames ? MONTH_NAMES_FA : MONTH_NAMES_LATIN;
    const out = [];
    for (const { literal, val } of tokenize(fmt)) {
        if (literal) {
            out.push(val);
            continue;
        }
        switch (val) {
            case "y":
            case "yyyy":
            case "yyyyy":
            case "yyyyyy":
                out.push(val === "y" ? String(jy) : pad(jy, val.length));
                break;
            case "yy":
                out.push(pad(jy % 100, 2));
                break;
            case "M":
            case "L":
                out.push(String(jm));
                break;
            case "MM":
            case "LL":
                out.push(pad(jm, 2));
                break;
            case "MMM":
            case "LLL":
            case "MMMM":
            case "LLLL":
                out.push(months[jm - 1]);
                break;
            case "d":
                out.push(String(jd));
                break;
            case "dd":
                out.push(pad(jd, 2));
                break;
            case "ccc":
            case "cccc":
            case "EEE":
            case "EEEE":
                out.push(persianNames ? WEEKDAY_NAMES_FA[dt.weekday] : delegate(dt, val));
                break;
            default:
                out.push(delegate(dt, val));
        }
    }
    const text = out.join("");
    return persianDigits ? toPersianDigits(text) : text;
}

//-----------------------------------------------------------------------------
// Parsing
//-----------------------------------------------------------------------------

const NUMERIC_TOKENS = new Set([
    "y",
    "yy",
    "yyyy",
    "M",
    "MM",
    "L",
    "LL",
    "d",
    "dd",
    "H",
    "HH",
    "h",
    "hh",
    "m",
    "mm",
    "s",
    "ss",
]);

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether a luxon format describes a calendar date (has year, month and day). */
export function isDateFormat(fmt) {
    const letters = tokenize(fmt)
        .filter((t) => !t.literal)
        .map((t) => t.val[0]);
    return letters.includes("y") && (letters.includes("M") || letters.includes("L")) && letters.includes("d");
}

/**
 * Parses text typed by the user in a Jalali date(time) format.
 * Persian, Arabic-Indic and Latin digits are accepted, and any of / - . or
 * spaces as date separators.
 *
 * @param {string} text
 * @param {string} fmt luxon format the user is expected to type in
 * @param {Object} [opts] luxon options for the result (zone, locale, ...)
 * @returns {luxon.DateTime|null} a Gregorian DateTime, or null if not a Jalali date
 */
export function parseJalali(text, fmt, opts = {}) {
    const value = toLatinDigits(String(text || "")).trim();
    if (!value) {
        return null;
    }
    const tokens = tokenize(fmt);
    const fields = [];
    // Without separators between numbers, widths must be exact ("14030115").
    const hasSeparators = tokens.some((t) => t.literal && t.val.length > 0);
    let pattern = "^\\s*";
    for (const { literal, val } of tokens) {
        if (literal) {
            if (/^[\s/\-.]+$/.test(val)) {
                pattern += "\\s*[\\s/\\-.]\\s*";
            } else if (/^\s*[:,]\s*$/.test(val)) {
                pattern += `\\s*${escapeRegExp(val.trim())}\\s*`;
            } else {
                pattern += escapeRegExp(val);
            }
        } else if (NUMERIC_TOKENS.has(val)) {
            const max = val[0] === "y" ? 4 : 2;
            const width = hasSeparators ? `{1,${max}}` : `{${val.length === 1 ? max : val.length}}`;
            pattern += `(\\d${width})`;
            fields.push(val[0]);
        } else if (val === "a") {
            pattern += "\\s*(AM|PM|am|pm|ق\\.ظ|ب\\.ظ)?";
            fields.push("a");
        } else {
            return null;
        }
    }
    pattern += "\\s*$";
    const match = value.match(new RegExp(pattern));
    if (!match) {
        return null;
    }
    const parts = { hour: 0, minute: 0, second: 0 };
    let meridiem = null;
    fields.forEach((field, index) => {
        const raw = match[index + 1];
        if (field === "a") {
            meridiem = raw;
            return;
        }
        const num = Number(raw);
        switch (field) {
            case "y":
                parts.jy = raw.length <= 2 ? (num >= 50 ? 1300 + num : 1400 + num) : num;
                break;
            case "M":
            case "L":
                parts.jm = num;
                break;
            case "d":
                parts.jd = num;
                break;
            case "H":
            case "h":
                parts.hour = num;
                break;
            case "m":
                parts.minute = num;
                break;
            case "s":
                parts.second = num;
                break;
        }
    });
    if (parts.jy === undefined || parts.jm === undefined || parts.jd === undefined) {
        return null;
    }
    // A 4-digit year far beyond the current Jalali era is a Gregorian date
    // typed on purpose (e.g. "2024-03-20"): let Odoo's own parsing handle it.
    if (parts.jy > 1700 || parts.jy < 1000 || !isValidJalaaliDate(parts.jy, parts.jm, parts.jd)) {
        return null;
    }
    if (meridiem) {
        const pm = /pm|ب/i.test(meridiem);
        parts.hour = (parts.hour % 12) + (pm ? 12 : 0);
    }
    if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) {
        return null;
    }
    const { gy, gm, gd } = toGregorian(parts.jy, parts.jm, parts.jd);
    const { zone, locale, numberingSystem } = opts;
    const luxonOpts = {};
    if (zone) {
        luxonOpts.zone = zone;
    }
    if (locale) {
        luxonOpts.locale = locale;
    }
    if (numberingSystem) {
        luxonOpts.numberingSystem = numberingSystem;
    }
    return DateTime.fromObject(
        { year: gy, month: gm, day: gd, hour: parts.hour, minute: parts.minute, second: parts.second },
        luxonOpts
    );
}

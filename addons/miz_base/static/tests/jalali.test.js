import { beforeEach, describe, expect, test } from "@odoo/hoot";
import { click, queryAllTexts, queryFirst } from "@odoo/hoot-dom";
import { animationFrame, mockDate } from "@odoo/hoot-mock";
import {
    defineParams,
    makeMockEnv,
    mountWithCleanup,
    patchWithCleanup,
    serverState,
} from "@web/../tests/web_test_helpers";
import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { DateTimePicker } from "@web/core/datetime/datetime_picker";
import {
    formatDate,
    formatDateTime,
    parseDate,
    parseDateTime,
    serializeDate,
    serializeDateTime,
} from "@web/core/l10n/dates";
import { localization } from "@web/core/l10n/localization";
import { user } from "@web/core/user";

import {
    formatJalali,
    isLeapJalaaliYear,
    jalaaliMonthLength,
    parseJalali,
    toJalali,
} from "@miz_base/jalali/jalali_core";
import { jalaliSettings } from "@miz_base/jalali/jalali_settings";

const { DateTime } = luxon;

describe.current.tags("desktop", "miz_base_jalali");
defineMailModels();

defineParams({
    lang_parameters: {
        date_format: "%Y/%m/%d",
        time_format: "%H:%M:%S",
        short_time_format: "%H:%M",
        week_start: 6,
    },
});

/** Jalali on, Persian digits on (what a fa_IR user gets). */
function persianUser() {
    patchWithCleanup(jalaliSettings, { isActive: () => true, persianDigits: () => true });
}

function useFaFormats() {
    patchWithCleanup(localization, {
        dateFormat: "yyyy/MM/dd",
        timeFormat: "HH:mm:ss",
        shortTimeFormat: "HH:mm",
        dateTimeFormat: "yyyy/MM/dd HH:mm:ss",
    });
}

beforeEach(() => {
    useFaFormats();
});

test("jalaali-js conversions, month lengths and leap years", () => {
    expect(toJalali(DateTime.fromISO("2024-03-20"))).toEqual({ jy: 1403, jm: 1, jd: 1 });
    expect(toJalali(DateTime.fromISO("2025-03-20"))).toEqual({ jy: 1403, jm: 12, jd: 30 });
    expect(toJalali(DateTime.fromISO("2025-03-21"))).toEqual({ jy: 1404, jm: 1, jd: 1 });
    expect([1399, 1403, 1408].map(isLeapJalaaliYear)).toEqual([true, true, true]);
    expect([1400, 1402, 1404].map(isLeapJalaaliYear)).toEqual([false, false, false]);
    expect(jalaaliMonthLength(1403, 1)).toBe(31);
    expect(jalaaliMonthLength(1403, 7)).toBe(30);
    expect(jalaaliMonthLength(1403, 12)).toBe(30);
    expect(jalaaliMonthLength(1402, 12)).toBe(29);
});

test("formatDate / formatDateTime show Jalali with Persian digits", () => {
    persianUser();
    const date = DateTime.fromObject({ year: 2024, month: 3, day: 20 });
    expect(formatDate(date)).toBe("۱۴۰۳/۰۱/۰۱");
    expect(formatDate(date, { condensed: true })).toBe("۱۴۰۳/۱/۱");
    const datetime = DateTime.fromObject(
        { year: 2025, month: 3, day: 20, hour: 14, minute: 5, second: 9 },
        { zone: "Asia/Tehran" }
    );
    expect(formatDateTime(datetime, { tz: "Asia/Tehran" })).toBe("۱۴۰۳/۱۲/۳۰ ۱۴:۰۵:۰۹");
    expect(formatDateTime(datetime, { tz: "Asia/Tehran", showSeconds: false })).toBe(
        "۱۴۰۳/۱۲/۳۰ ۱۴:۰۵"
    );
});

test("Jalali with Latin digits and names for a non-Persian user who chose Jalali", () => {
    patchWithCleanup(jalaliSettings, { isActive: () => true, persianDigits: () => false });
    const date = DateTime.fromObject({ year: 2024, month: 10, day: 22 });
    expect(formatDate(date)).toBe("1403/08/01");
    expect(formatJalali(date, "d MMMM yyyy")).toBe("1 Aban 1403");
    expect(formatJalali(date, "cccc d MMMM yyyy", { persianDigits: true })).toBe(
        "سه‌شنبه ۱ آبان ۱۴۰۳"
    );
});

test("Gregorian users are untouched", () => {
    patchWithCleanup(jalaliSettings, { isActive: () => false, persianDigits: () => false });
    const date = DateTime.fromObject({ year: 2024, month: 3, day: 20 });
    expect(formatDate(date)).toBe("2024/03/20");
    expect(parseDate("2024/03/20").toISODate()).toBe("2024-03-20");
});

test("serialization stays Gregorian with Latin digits", () => {
    persianUser();
    const date = DateTime.fromObject({ year: 2024, month: 3, day: 20 });
    expect(serializeDate(date)).toBe("2024-03-20");
    const datetime = DateTime.fromObject(
        { year: 2024, month: 3, day: 20, hour: 3, minute: 30 },
        { zone: "utc" }
    );
    expect(serializeDateTime(datetime)).toBe("2024-03-20 03:30:00");
    // a value typed in Jalali serializes to its Gregorian date
    expect(serializeDate(parseDate("۱۴۰۳/۱۲/۳۰"))).toBe("2025-03-20");
});

test("parsing Persian and Latin digit Jalali input", () => {
    persianUser();
    expect(parseDate("۱۴۰۵/۰۱/۱۵").toISODate()).toBe("2026-04-04");
    expect(parseDate("1405-1-15").toISODate()).toBe("2026-04-04");
    expect(parseDate("1405/01/15").toISODate()).toBe("2026-04-04");
    expect(parseDate("١٤٠٥/٠١/١٥").toISODate()).toBe("2026-04-04"); // Arabic-Indic digits
    expect(parseDate("14050115").toISODate()).toBe("2026-04-04");
    // Esfand 30 exists only in leap years (1403 is leap, 1402 is not)
    expect(parseDate("1403/12/30").toISODate()).toBe("2025-03-20");
    expect(() => parseDate("1402/12/30")).toThrow();
    expect(() => parseDate("1403/13/01")).toThrow();
    // an explicit Gregorian date is still understood
    expect(parseDate("2024/03/20").toISODate()).toBe("2024-03-20");
    const dt = parseDateTime("۱۴۰۳/۰۱/۰۱ ۰۸:۳۰:۰۰", { tz: "Asia/Tehran" });
    expect(dt.toISO({ suppressMilliseconds: true })).toBe("2024-03-20T08:30:00+03:30");
    expect(serializeDateTime(dt)).toBe("2024-03-20 05:00:00");
});

test("parseJalali rejects non-Jalali text", () => {
    expect(parseJalali("hello", "yyyy/MM/dd")).toBe(null);
    expect(parseJalali("1403/02/31", "yyyy/MM/dd").toISODate()).toBe("2024-05-20");
    expect(parseJalali("1403/07/31", "yyyy/MM/dd")).toBe(null); // Mehr has 30 days
});

test("calendar preference comes from the user context and language", async () => {
    await makeMockEnv();
    serverState.lang = "fa_IR";
    serverState.userContext = {};
    expect(user.lang).toMatch(/^fa/);
    expect(jalaliSettings.isActive()).toBe(true);
    expect(jalaliSettings.persianDigits()).toBe(true);
    serverState.userContext = { miz_calendar: "gregorian" };
    expect(jalaliSettings.isActive()).toBe(false);
    serverState.lang = "en_US";
    serverState.userContext = { miz_calendar: "jalali" };
    expect(jalaliSettings.isActive()).toBe(true);
    expect(jalaliSettings.persianDigits()).toBe(false);
    serverState.userContext = { miz_calendar: "auto" };
    expect(jalaliSettings.isActive()).toBe(false);
});

/** Texts of the enabled (in-month) day cells of the first month grid. */
const dayCells = () =>
    queryAllTexts(".o_date_picker:first .o_date_item_cell:not(.o_out_of_range)");

test("picker shows Jalali months: names, lengths, leap years, Saturday first", async () => {
    mockDate("2024-03-25T10:00:00");
    persianUser();
    let selected = null;
    await mountWithCleanup(DateTimePicker, {
        props: {
            type: "date",
            value: DateTime.fromISO("2024-03-25"),
            onSelect: (value) => (selected = value),
        },
    });
    // 2024-03-25 = 6 Farvardin 1403
    expect(".o_datetime_picker_header .o_zoom_out").toHaveText("فروردین ۱۴۰۳");
    expect(dayCells().length).toBe(31);
    expect(dayCells()[0]).toBe("۱");
    expect(dayCells()[30]).toBe("۳۱");
    expect(".o_date_item_cell.o_selected").toHaveText("۶");
    // 1 Farvardin 1403 is a Wednesday: 4 empty cells (Sat..Tue) before it
    const firstRow = [...queryFirst(".o_date_picker").querySelectorAll(".o_date_item_cell")].slice(
        0,
        7
    );
    expect(firstRow.map((el) => el.classList.contains("o_out_of_range"))).toEqual([
        true,
        true,
        true,
        true,
        false,
        false,
        false,
    ]);
    expect(queryAllTexts(".o_day_of_week_cell")[1]).toMatch(/^Sat/);
    // week numbers count Jalali weeks (Saturday-first, week 1 holds 1 Farvardin)
    expect(queryAllTexts(".o_week_number_cell")).toEqual(["۱", "۲", "۳", "۴", "۵"]);

    // back to Esfand 1402 (29 days, 1402 is not leap)
    await click(".o_previous");
    await animationFrame();
    expect(".o_datetime_picker_header .o_zoom_out").toHaveText("اسفند ۱۴۰۲");
    expect(dayCells().length).toBe(29);

    // Esfand 1403 has 30 days (leap year)
    for (let i = 0; i < 12; i++) {
        await click(".o_next");
        await animationFrame();
    }
    expect(".o_datetime_picker_header .o_zoom_out").toHaveText("اسفند ۱۴۰۳");
    expect(dayCells().length).toBe(30);
    expect(dayCells()).toEqual(
        [...Array(30)].map((_, i) => String(i + 1).replace(/\d/g, (d) => "۰۱۲۳۴۵۶۷۸۹"[d]))
    );

    // pick Esfand 30 1403: the selected value is the Gregorian 2025-03-20
    await click(".o_date_picker:first .o_date_item_cell:not(.o_out_of_range):last");
    await animationFrame();
    expect(selected.toISODate()).toBe("2025-03-20");
    expect(serializeDate(selected)).toBe("2025-03-20");
});

test("picker month and year grids are Jalali", async () => {
    mockDate("2024-03-25T10:00:00");
    persianUser();
    await mountWithCleanup(DateTimePicker, {
        props: { type: "date", value: DateTime.fromISO("2024-03-25") },
    });
    await click(".o_zoom_out");
    await animationFrame();
    expect(".o_datetime_picker_header .o_zoom_out").toHaveText("۱۴۰۳");
    expect(queryAllTexts(".o_date_item_cell")).toEqual([
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
    ]);
    expect(".o_date_item_cell.o_today").toHaveText("فروردین");
    // choose Mehr: its grid has 30 days and starts on 1 Mehr 1403 (2024-09-22)
    await click(".o_date_item_cell:eq(6)");
    await animationFrame();
    expect(".o_datetime_picker_header .o_zoom_out").toHaveText("مهر ۱۴۰۳");
    expect(dayCells().length).toBe(30);

    await click(".o_zoom_out");
    await animationFrame();
    await click(".o_zoom_out");
    await animationFrame();
    expect(".o_datetime_picker_header .o_zoom_out").toHaveText("۱۳۹۹ - ۱۴۱۰");
});

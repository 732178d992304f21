import { describe, expect, test } from "@odoo/hoot";
import { queryAllTexts, queryFirst } from "@odoo/hoot-dom";
import { animationFrame, mockDate } from "@odoo/hoot-mock";
import {
    contains,
    defineModels,
    fields,
    models,
    mountView,
    onRpc,
    patchWithCleanup,
} from "@web/../tests/web_test_helpers";

import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { jalaliSettings } from "@miz_base/jalali/jalali_settings";

describe.current.tags("desktop", "miz_base_jalali");

class MizCalEvent extends models.Model {
    _name = "miz.cal.event";
    name = fields.Char();
    start = fields.Datetime();
    stop = fields.Datetime();
    has_access() {
        return true;
    }
    _records = [
        // 1 Mehr 1404 (a Tuesday)
        { id: 1, name: "mehr one", start: "2025-09-23 10:00:00", stop: "2025-09-23 11:00:00" },
        // 31 Shahrivar 1404, shown dimmed in the Mehr grid
        { id: 2, name: "shahrivar end", start: "2025-09-22 10:00:00", stop: "2025-09-22 11:00:00" },
    ];
}
defineMailModels();
defineModels([MizCalEvent]);

function persianUser() {
    patchWithCleanup(jalaliSettings, { isActive: () => true, persianDigits: () => true });
}

const header = () => queryFirst(".o_calendar_header h5").textContent.replace(/\s+/g, " ").trim();
const cell = (date) => `.fc-daygrid-day[data-date="${date}"]`;

test("month scale: a Jalali month, weeks from Saturday, Jalali day numbers", async () => {
    mockDate("2025-10-01T10:00:00"); // 9 Mehr 1404
    persianUser();
    const domains = [];
    onRpc("miz.cal.event", "search_read", ({ kwargs }) => {
        domains.push(kwargs.domain);
    });
    await mountView({
        resModel: "miz.cal.event",
        type: "calendar",
        arch: `<calendar date_start="start" date_stop="stop" mode="month"/>`,
    });
    expect(header()).toInclude("مهر ۱۴۰۴");
    // six Saturday-first weeks around 1 Mehr (Tuesday 2025-09-23) … 30 Mehr (2025-10-22)
    expect(".fc-daygrid-day:eq(0)").toHaveAttribute("data-date", "2025-09-20");
    expect(".fc-daygrid-day:eq(-1)").toHaveAttribute("data-date", "2025-10-31");
    expect(queryAllTexts(".fc-col-header-cell .o_cw_day_name")[0]).toMatch(/^sat/i);
    expect(`${cell("2025-09-23")} .fc-daygrid-day-number`).toHaveText("۱ مهر");
    expect(`${cell("2025-09-24")} .fc-daygrid-day-number`).toHaveText("۲");
    expect(`${cell("2025-10-22")} .fc-daygrid-day-number`).toHaveText("۳۰");
    expect(`${cell("2025-10-23")} .fc-daygrid-day-number`).toHaveText("۱ آبان");
    expect(cell("2025-09-22")).toHaveClass("o_miz_other_month");
    expect(cell("2025-09-23")).not.toHaveClass("o_miz_other_month");
    // events stay on their Gregorian days
    expect(`${cell("2025-09-23")} .o_event`).toHaveText(/mehr one/);
    expect(`${cell("2025-09-22")} .o_event`).toHaveText(/shahrivar end/);
    // the records are read for the whole grid (from Saturday 2025-09-20 00:00 in the test's UTC+1)
    expect(domains.at(-1)).toEqual([
        ["start", "<=", "2025-10-31 22:59:59"],
        ["stop", ">=", "2025-09-19 23:00:00"],
    ]);

    // next / previous move by Jalali months
    await contains(".o_calendar_button_next").click();
    await animationFrame();
    expect(header()).toInclude("آبان ۱۴۰۴");
    await contains(".o_calendar_button_prev").click();
    await contains(".o_calendar_button_prev").click();
    await animationFrame();
    expect(header()).toInclude("شهریور ۱۴۰۴");
});

test("week scale: Saturday to Friday, Jalali title, day numbers and week number", async () => {
    mockDate("2025-10-01T10:00:00");
    persianUser();
    await mountView({
        resModel: "miz.cal.event",
        type: "calendar",
        arch: `<calendar date_start="start" date_stop="stop" mode="week"/>`,
    });
    // Saturday 2025-09-27 (5 Mehr) … Friday 2025-10-03 (11 Mehr)
    expect(".fc-col-header-cell:eq(0)").toHaveAttribute("data-date", "2025-09-27");
    expect(queryAllTexts(".fc-col-header-cell .o_cw_day_number")).toEqual([
        "۵",
        "۶",
        "۷",
        "۸",
        "۹",
        "۱۰",
        "۱۱",
    ]);
    expect(header()).toInclude("مهر ۱۴۰۴");
    // week 1 of 1404 holds 1 Farvardin (Friday 2025-03-21): this is week 29
    expect(".o_calendar_header .badge").toHaveText("Week ۲۹");
});

test("Gregorian users keep Odoo's calendar", async () => {
    mockDate("2025-10-01T10:00:00");
    patchWithCleanup(jalaliSettings, { isActive: () => false, persianDigits: () => false });
    await mountView({
        resModel: "miz.cal.event",
        type: "calendar",
        arch: `<calendar date_start="start" date_stop="stop" mode="month"/>`,
    });
    expect(header()).toInclude("October 2025");
    expect(`${cell("2025-10-01")} .fc-daygrid-day-number`).toHaveText("1");
});

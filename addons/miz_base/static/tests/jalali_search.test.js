import { describe, expect, test } from "@odoo/hoot";
import { queryAllTexts } from "@odoo/hoot-dom";
import { mockDate } from "@odoo/hoot-mock";
import {
    defineModels,
    fields,
    getFacetTexts,
    isOptionSelected,
    models,
    mountWithSearch,
    patchWithCleanup,
    toggleMenuItem,
    toggleMenuItemOption,
    toggleSearchBarMenu,
} from "@web/../tests/web_test_helpers";
import { Domain } from "@web/core/domain";
import { SearchBar } from "@web/search/search_bar/search_bar";

import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { jalaliSettings } from "@miz_base/jalali/jalali_settings";
import { constructJalaliDateDomain } from "@miz_base/jalali/search_dates";

const { DateTime } = luxon;

describe.current.tags("desktop", "miz_base_jalali");

class MizEvent extends models.Model {
    _name = "miz.event";
    name = fields.Char();
    day = fields.Date({ string: "Day" });
    start = fields.Datetime({ string: "Start" });
    _views = { search: `<search><filter string="Day" name="day" date="day"/></search>` };
}
defineMailModels();
defineModels([MizEvent]);

function persianUser() {
    patchWithCleanup(jalaliSettings, { isActive: () => true, persianDigits: () => true });
}

const range = (field, from, to) => ["&", [field, ">=", from], [field, "<=", to]];

async function mountDateFilter() {
    return mountWithSearch(SearchBar, {
        resModel: "miz.event",
        searchViewId: false,
        searchMenuTypes: ["filter"],
        searchViewArch: `<search><filter string="Day" name="day" date="day"/></search>`,
        context: { search_default_day: 1 },
    });
}

test("date filter presets are Jalali months, seasons and years", async () => {
    mockDate("2025-10-01T10:00:00"); // 9 Mehr 1404
    persianUser();
    const searchBar = await mountDateFilter();
    await toggleSearchBarMenu();
    await toggleMenuItem("Day");
    // the default period is this Jalali month: 1 Mehr (2025-09-23) … 30 Mehr (2025-10-22)
    expect(searchBar.env.searchModel.domain).toEqual(range("day", "2025-09-23", "2025-10-22"));
    expect(getFacetTexts()).toEqual(["Day: مهر ۱۴۰۴"]);
    expect(queryAllTexts`.o-dropdown--menu .o_item_option`).toEqual([
        "مهر",
        "شهریور",
        "مرداد",
        "زمستان",
        "پاییز",
        "تابستان",
        "بهار",
        "۱۴۰۴",
        "۱۴۰۳",
        "۱۴۰۲",
    ]);
    expect(isOptionSelected("Day", "مهر")).toBe(true);
    expect(isOptionSelected("Day", "۱۴۰۴")).toBe(true);

    // the whole Jalali year 1404: 2025-03-21 … 2026-03-20
    await toggleMenuItemOption("Day", "مهر");
    expect(searchBar.env.searchModel.domain).toEqual(range("day", "2025-03-21", "2026-03-20"));
    expect(getFacetTexts()).toEqual(["Day: ۱۴۰۴"]);

    // Bahar (Farvardin–Khordad) 1404: 2025-03-21 … 2025-06-21
    await toggleMenuItemOption("Day", "بهار");
    expect(searchBar.env.searchModel.domain).toEqual(range("day", "2025-03-21", "2025-06-21"));
    expect(getFacetTexts()).toEqual(["Day: بهار ۱۴۰۴"]);

    // with 1403 too: Bahar of both years, in chronological order
    await toggleMenuItemOption("Day", "۱۴۰۳");
    expect(searchBar.env.searchModel.domain).toEqual([
        "|",
        ...range("day", "2024-03-20", "2024-06-20"),
        ...range("day", "2025-03-21", "2025-06-21"),
    ]);
    expect(getFacetTexts()).toEqual(["Day: بهار ۱۴۰۳/بهار ۱۴۰۴"]);
});

test("a previous month in the previous Jalali year selects that year", async () => {
    mockDate("2025-04-05T10:00:00"); // 16 Farvardin 1404
    persianUser();
    const searchBar = await mountDateFilter();
    await toggleSearchBarMenu();
    await toggleMenuItem("Day");
    expect(queryAllTexts`.o-dropdown--menu .o_item_option`.slice(0, 3)).toEqual([
        "فروردین",
        "اسفند",
        "بهمن",
    ]);
    await toggleMenuItemOption("Day", "فروردین"); // off: the year 1404 stays
    expect(getFacetTexts()).toEqual(["Day: ۱۴۰۴"]);
    await toggleMenuItemOption("Day", "۱۴۰۴"); // off: nothing left selected
    expect(getFacetTexts()).toEqual([]);
    await toggleMenuItemOption("Day", "اسفند");
    // Esfand 1403 (leap year: 30 days) = 2025-02-19 … 2025-03-20, and 1403 is selected with it
    expect(searchBar.env.searchModel.domain).toEqual(range("day", "2025-02-19", "2025-03-20"));
    expect(getFacetTexts()).toEqual(["Day: اسفند ۱۴۰۳"]);
    expect(isOptionSelected("Day", "۱۴۰۳")).toBe(true);
    expect(isOptionSelected("Day", "۱۴۰۴")).toBe(false);
});

test("Gregorian users keep Odoo's presets", async () => {
    mockDate("2025-10-01T10:00:00");
    patchWithCleanup(jalaliSettings, { isActive: () => false, persianDigits: () => false });
    const searchBar = await mountDateFilter();
    await toggleSearchBarMenu();
    await toggleMenuItem("Day");
    expect(searchBar.env.searchModel.domain).toEqual(range("day", "2025-10-01", "2025-10-31"));
    expect(queryAllTexts`.o-dropdown--menu .o_item_option`.slice(0, 4)).toEqual([
        "October",
        "September",
        "August",
        "Q4",
    ]);
});

test("datetime bounds are the user's Jalali midnights; comparisons shift Jalali periods", () => {
    persianUser();
    const reference = DateTime.fromISO("2025-10-01T10:00:00", { zone: "Asia/Tehran" });
    const item = {
        fieldName: "start",
        fieldType: "datetime",
        domain: new Domain([]),
        optionsParams: { startYear: -2, endYear: 0, startMonth: -2, endMonth: 0, customOptions: [] },
    };
    // Mehr 1404 from 00:00 Tehran (20:30 UTC the day before) to 23:59:59 on 30 Mehr
    let result = constructJalaliDateDomain(reference, item, ["month", "year"]);
    expect(result.domain.toList()).toEqual(
        range("start", "2025-09-22 20:30:00", "2025-10-22 20:29:59")
    );
    expect(result.description).toBe("مهر ۱۴۰۴");
    // previous period of Mehr 1404 is Shahrivar 1404, previous year is Mehr 1403
    result = constructJalaliDateDomain(reference, item, ["month", "year"], "previous_period");
    expect(result.description).toBe("شهریور ۱۴۰۴");
    expect(result.domain.toList()).toEqual(
        range("start", "2025-08-22 20:30:00", "2025-09-22 20:29:59")
    );
    result = constructJalaliDateDomain(reference, item, ["month", "year"], "previous_year");
    expect(result.description).toBe("مهر ۱۴۰۳");
    expect(result.domain.toList()).toEqual(
        range("start", "2024-09-21 20:30:00", "2024-10-21 20:29:59")
    );
    // the previous period of a season is the season before (Zemestan 1403 before Bahar 1404)
    result = constructJalaliDateDomain(reference, item, ["first_quarter", "year"], "previous_period");
    expect(result.description).toBe("زمستان ۱۴۰۳");
});

/**
 * Date filter presets (month / quarter / year options of a search view's date filter) in Jalali periods.
 *
 * Odoo builds the presets and their domains in module-level functions of @web/search/utils/dates
 * (getPeriodOptions, constructDateDomain) that cannot be patched; the SearchModel methods calling them are
 * patched instead (search_model_patch.js) and call the functions below for Jalali users. The option ids are
 * Odoo's ("month", "month-1", "first_quarter", "year-1"…, offsets from today), so saved favorites and
 * `default_period` attributes keep working; only what they mean changes: "month-1" is the previous Jalali
 * month, "first_quarter" is Bahar (Farvardin–Khordad), "year" the current Jalali year. Domains are the
 * Gregorian bounds of the Jalali periods (dates serialized as usual, datetimes from the user's midnight).
 */
import { Domain } from "@web/core/domain";
import { serializeDate, serializeDateTime } from "@web/core/l10n/dates";
import { clamp } from "@web/core/utils/numbers";
import { pick } from "@web/core/utils/objects";
import { COMPARISON_OPTIONS, QUARTER_OPTIONS, toGeneratorId } from "@web/search/utils/dates";
import {
    MONTH_NAMES_FA,
    MONTH_NAMES_LATIN,
    fromJalali,
    toJalali,
    toPersianDigits,
} from "./jalali_core";
import { jalaliSettings } from "./jalali_settings";

export const SEASON_NAMES_FA = ["بهار", "تابستان", "پاییز", "زمستان"];
export const SEASON_NAMES_LATIN = ["Bahar", "Tabestan", "Paeez", "Zemestan"];

const persian = () => jalaliSettings.persianDigits();
const digits = (value) => (persian() ? toPersianDigits(String(value)) : String(value));
const monthName = (jm) => (persian() ? MONTH_NAMES_FA : MONTH_NAMES_LATIN)[jm - 1];
const seasonName = (quarter) => (persian() ? SEASON_NAMES_FA : SEASON_NAMES_LATIN)[quarter - 1];

/** Month index (jy * 12 + jm - 1) of the Jalali month of a DateTime. */
function monthIndex(dt) {
    const { jy, jm } = toJalali(dt);
    return jy * 12 + jm - 1;
}

/** Start (00:00, in referenceMoment's zone) of the Jalali month with the given index. */
function monthStart(index, zone) {
    return fromJalali(Math.floor(index / 12), (index % 12) + 1, 1, { zone });
}

/**
 * The period options of a date filter, like Odoo's getPeriodOptions, in Jalali periods.
 * @param {luxon.DateTime} referenceMoment
 * @param {Object} optionsParams startYear, endYear, startMonth, endMonth (offsets) and customOptions
 */
export function getJalaliPeriodOptions(referenceMoment, optionsParams) {
    const { startYear, endYear, startMonth, endMonth, customOptions = [] } = optionsParams;
    const { jy } = toJalali(referenceMoment);
    const current = monthIndex(referenceMoment);
    const months = [];
    for (let offset = startMonth; offset <= endMonth; offset++) {
        const index = current + offset + 12 * clamp(0, startYear, endYear);
        const yearOffset = Math.floor(index / 12) - jy;
        months.push({
            id: toGeneratorId("month", offset),
            defaultYearId: toGeneratorId("year", clamp(yearOffset, startYear, endYear)),
            description: monthName((index % 12) + 1),
            granularity: "month",
            groupNumber: 1,
            plusParam: { months: offset },
        });
    }
    const defaultYearId = toGeneratorId("year", clamp(0, startYear, endYear));
    const quarters = Object.values(QUARTER_OPTIONS).map((quarter) => ({
        ...quarter,
        description: seasonName(quarter.setParam.quarter),
        defaultYearId,
    }));
    const years = [];
    for (let offset = startYear; offset <= endYear; offset++) {
        years.push({
            id: toGeneratorId("year", offset),
            description: digits(jy + offset),
            granularity: "year",
            groupNumber: 2,
            plusParam: { years: offset },
        });
    }
    const custom = customOptions.map((option) => ({
        id: option.id,
        description: option.description,
        granularity: "withDomain",
        groupNumber: 3,
        domain: option.domain,
    }));
    return [...months.reverse(), ...quarters, ...years.reverse(), ...custom];
}

/**
 * The selected Jalali periods: { years: [jy…], months: [jm…] } (months of the quarters included), or
 * { withDomain } for a custom option.
 */
function selectedPeriods(referenceMoment, searchItem, selectedOptionIds) {
    const options = getJalaliPeriodOptions(referenceMoment, searchItem.optionsParams);
    const { jy } = toJalali(referenceMoment);
    const current = monthIndex(referenceMoment);
    const years = new Set();
    const months = new Set();
    const quarters = new Set();
    for (const id of selectedOptionIds) {
        const option = options.find((o) => o.id === id);
        if (!option) {
            continue;
        }
        if (option.granularity === "withDomain") {
            return { withDomain: pick(option, "domain", "description") };
        } else if (option.granularity === "year") {
            years.add(jy + option.plusParam.years);
        } else if (option.granularity === "month") {
            months.add((((current + option.plusParam.months) % 12) + 12) % 12 + 1);
        } else if (option.granularity === "quarter") {
            quarters.add(option.setParam.quarter);
        }
    }
    const sort = (set) => [...set].sort((a, b) => a - b);
    return { years: sort(years), months: sort(months), quarters: sort(quarters) };
}

/**
 * Periods as [start month index, length in months, label] from the selection, shifted for a comparison.
 */
function periodRanges({ years, months, quarters }, comparisonOptionId) {
    let granularity = "year";
    let spans = []; // [first month (1-12), length]
    if (months.length) {
        granularity = "month";
        const all = new Set(months);
        for (const quarter of quarters) {
            for (let m = quarter * 3 - 2; m <= quarter * 3; m++) {
                all.add(m);
            }
        }
        spans = [...all].sort((a, b) => a - b).map((m) => [m, 1]);
    } else if (quarters.length) {
        granularity = "quarter";
        spans = quarters.map((q) => [q * 3 - 2, 3]);
    }
    // shift in months (0 without comparison), as Odoo's getComparisonParams does in Gregorian
    let shift = 0;
    if (comparisonOptionId === "previous_year") {
        shift = -12;
    } else if (comparisonOptionId === "previous_period") {
        const yearMin = Math.min(...years);
        const yearMax = Math.max(...years);
        if (granularity === "year") {
            shift = 12 * (-1 + yearMin - yearMax);
        } else {
            const unit = granularity === "month" ? 1 : 3;
            const perYear = 12 / unit;
            const values = spans.map(([m]) => Math.floor((m - 1) / unit));
            const num = -1 + perYear * (yearMin - yearMax) + Math.min(...values) - Math.max(...values);
            shift = num * unit;
        }
    }
    const ranges = [];
    for (const jy of years) {
        if (!spans.length) {
            ranges.push({ start: jy * 12 + shift, length: 12, granularity });
        }
        for (const [month, length] of spans) {
            ranges.push({ start: jy * 12 + month - 1 + shift, length, granularity });
        }
    }
    return ranges;
}

function rangeDescription({ start, granularity }) {
    const jy = Math.floor(start / 12);
    const jm = (start % 12) + 1;
    if (granularity === "month") {
        return `${monthName(jm)} ${digits(jy)}`;
    } else if (granularity === "quarter") {
        return `${seasonName(Math.floor((jm - 1) / 3) + 1)} ${digits(jy)}`;
    }
    return digits(jy);
}

/**
 * Domain and description of a date filter's selected options in Jalali periods (like Odoo's
 * constructDateDomain): ['|', '&', [f, '>=', start₁], [f, '<=', end₁], …] in Gregorian bounds.
 */
export function constructJalaliDateDomain(
    referenceMoment,
    searchItem,
    selectedOptionIds,
    comparisonOptionId
) {
    const selected = selectedPeriods(referenceMoment, searchItem, selectedOptionIds);
    if (selected.withDomain) {
        return {
            description: selected.withDomain.description,
            domain: Domain.and([selected.withDomain.domain, searchItem.domain]),
        };
    }
    if (comparisonOptionId && !(comparisonOptionId in COMPARISON_OPTIONS)) {
        comparisonOptionId = null;
    }
    const { fieldName, fieldType } = searchItem;
    const zone = referenceMoment.zone;
    const serialize = fieldType === "date" ? serializeDate : serializeDateTime;
    const ranges = periodRanges(selected, comparisonOptionId).map((range) => {
        const left = monthStart(range.start, zone);
        const right = monthStart(range.start + range.length, zone).minus({ days: 1 }).endOf("day");
        return {
            domain: new Domain([
                "&",
                [fieldName, ">=", serialize(left)],
                [fieldName, "<=", serialize(right)],
            ]),
            description: rangeDescription(range),
        };
    });
    const domain = Domain.and([
        Domain.combine(
            ranges.map((range) => range.domain),
            "OR"
        ),
        searchItem.domain,
    ]);
    return { domain, description: ranges.map((range) => range.description).join("/") };
}

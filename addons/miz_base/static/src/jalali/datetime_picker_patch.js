/**
 * Jalali grid for Odoo's DateTimePicker.
 *
 * The picker keeps working on Gregorian luxon DateTimes (what it selects is
 * what Odoo serializes); only the grids are laid out by Jalali months and
 * years: month lengths and leap years come from jalaali-js, weeks start on
 * Saturday, titles and labels are Jalali.
 */
import { DateTimePicker } from "@web/core/datetime/datetime_picker";
import { isInRange, today } from "@web/core/l10n/dates";
import { patch } from "@web/core/utils/patch";
import {
    MONTH_NAMES_FA,
    MONTH_NAMES_LATIN,
    jalaaliMonthLength,
    plusJalaliMonths,
    startOfJalaliMonth,
    startOfJalaliYear,
    toJalali,
    toPersianDigits,
} from "./jalali_core";
import { jalaliSettings } from "./jalali_settings";

const SATURDAY = 6;
const DAYS_PER_WEEK = 7;
const WEEKS_PER_MONTH = 6;
const GRID_COUNT = 10;
const GRID_MARGIN = 1;

const digits = (value) =>
    jalaliSettings.persianDigits() ? toPersianDigits(String(value)) : String(value);
const monthNames = () => (jalaliSettings.persianDigits() ? MONTH_NAMES_FA : MONTH_NAMES_LATIN);

/** Saturday on or before the given day. */
export function startOfJalaliWeek(date) {
    return date.minus({ days: (date.weekday - SATURDAY + DAYS_PER_WEEK) % DAYS_PER_WEEK }).startOf("day");
}

/**
 * Week of the Jalali year of a week's last day (Friday): weeks start on Saturday and
 * week 1 is the one holding 1 Farvardin.
 * @param {luxon.DateTime} date
 */
export function jalaliWeekNumber(date) {
    const yearStart = startOfJalaliYear(date);
    const offset = (yearStart.weekday - SATURDAY + DAYS_PER_WEEK) % DAYS_PER_WEEK;
    const dayOfYear = Math.round(date.startOf("day").diff(yearStart, "days").days);
    return Math.floor((dayOfYear + offset) / DAYS_PER_WEEK) + 1;
}

function dateItem({ isOutOfRange = false, isValid = true, label, range, extraClass }) {
    return {
        id: range[0].toISODate(),
        includesToday: isInRange(today(), range),
        isOutOfRange,
        isValid,
        label,
        range,
        extraClass,
    };
}

/**
 * Month grids (one per displayed month) for the "days" precision.
 * @param {luxon.DateTime} focusDate any day of the first Jalali month shown
 */
export function getJalaliDayItems(
    focusDate,
    { additionalMonth, maxDate, minDate, showWeekNumbers, isDateValid, dayCellClass }
) {
    const firstMonth = startOfJalaliMonth(focusDate);
    const monthStarts = additionalMonth ? [firstMonth, plusJalaliMonths(firstMonth, 1)] : [firstMonth];
    let keepLastWeek = false;
    const months = monthStarts.map((monthStart, i) => {
        const { jy, jm } = toJalali(monthStart);
        const monthEnd = monthStart.plus({ days: jalaaliMonthLength(jy, jm) - 1 }).endOf("day");
        const monthRange = [monthStart, monthEnd];
        const weeks = [];
        let day = startOfJalaliWeek(monthStart);
        for (let w = 0; w < WEEKS_PER_MONTH; w++) {
            const days = [];
            for (let d = 0; d < DAYS_PER_WEEK; d++) {
                const range = [day, day.endOf("day")];
                const item = dateItem({
                    isOutOfRange: !isInRange(day, monthRange),
                    // same validity rule as Odoo's own grid
                    isValid: isInRange(range, [minDate, maxDate]) && isDateValid?.(day),
                    label: digits(toJalali(day).jd),
                    range,
                    extraClass: dayCellClass?.(day) || "",
                });
                if (w === WEEKS_PER_MONTH - 1) {
                    keepLastWeek ||= !item.isOutOfRange;
                }
                days.push(item);
                day = day.plus({ days: 1 });
            }
            weeks.push({ number: digits(jalaliWeekNumber(days[DAYS_PER_WEEK - 1].range[0])), days });
        }
        const daysOfWeek = weeks[0].days.map(({ range: [d] }) => [
            d.weekdayShort,
            d.weekdayLong,
            luxon.Info.weekdays("narrow", { locale: d.locale })[d.weekday - 1],
        ]);
        if (showWeekNumbers) {
            daysOfWeek.unshift(["#", "#", "#"]);
        }
        return { id: `__month__${i}`, number: jm, daysOfWeek, weeks };
    });
    if (!keepLastWeek) {
        for (const month of months) {
            month.weeks.pop();
        }
    }
    return months;
}

function getTitle(focusDate, precision, { additionalMonth }) {
    const { jy, jm } = toJalali(focusDate);
    switch (precision) {
        case "days": {
            const titles = [`${monthNames()[jm - 1]} ${digits(jy)}`];
            if (additionalMonth) {
                const next = toJalali(plusJalaliMonths(startOfJalaliMonth(focusDate), 1));
                titles.push(`${monthNames()[next.jm - 1]} ${digits(next.jy)}`);
            }
            return titles;
        }
        case "months":
            return digits(jy);
        case "years": {
            const start = Math.floor(jy / 10) * 10;
            return `${digits(start - 1)} - ${digits(start + 10)}`;
        }
        default: {
            const start = Math.floor(jy / 100) * 100;
            return `${digits(start - 10)} - ${digits(start + 100)}`;
        }
    }
}

function getGridItems(focusDate, precision, { maxDate, minDate }) {
    const yearStart = startOfJalaliYear(focusDate);
    const { jy } = toJalali(yearStart);
    if (precision === "months") {
        return monthNames().map((name, i) => {
            const start = plusJalaliMonths(yearStart, i);
            const { jy: y, jm: m } = toJalali(start);
            const range = [start, start.plus({ days: jalaaliMonthLength(y, m) - 1 }).endOf("day")];
            return dateItem({ isValid: isInRange(range, [minDate, maxDate]), label: name, range });
        });
    }
    const span = precision === "years" ? 1 : 10;
    const first = Math.floor(jy / (span * 10)) * span * 10;
    const items = [];
    for (let i = -GRID_MARGIN; i < GRID_COUNT + GRID_MARGIN; i++) {
        const start = plusJalaliMonths(yearStart, (first + i * span - jy) * 12);
        const end = plusJalaliMonths(start, span * 12).minus({ milliseconds: 1 });
        const range = [start, end];
        items.push(
            dateItem({
                isOutOfRange: i < 0 || i >= GRID_COUNT,
                isValid: isInRange(range, [minDate, maxDate]),
                label: digits(first + i * span),
                range,
            })
        );
    }
    return items;
}

/** Moves a focus date by one panel of the given precision, in Jalali units. */
export function stepJalali(date, precision, direction) {
    const months = { days: 1, months: 12, years: 120, decades: 1200 }[precision] || 1;
    return plusJalaliMonths(date, months * direction);
}

patch(DateTimePicker.prototype, {
    adjustFocus(values, focusedDateIndex) {
        const willAdjust = this.shouldAdjustFocusDate || !this.state.focusDate;
        super.adjustFocus(values, focusedDateIndex);
        if (willAdjust && jalaliSettings.isActive()) {
            const dateToFocus =
                values[focusedDateIndex] || values[focusedDateIndex === 1 ? 0 : 1] || today();
            this.state.focusDate = this.clamp(startOfJalaliMonth(dateToFocus));
        }
    },

    onWillRender() {
        super.onWillRender();
        if (!jalaliSettings.isActive()) {
            return;
        }
        const { focusDate, precision } = this.state;
        const params = {
            additionalMonth: this.additionalMonth,
            maxDate: this.maxDate,
            minDate: this.minDate,
            showWeekNumbers: this.props.showWeekNumbers ?? !this.props.range,
            isDateValid: this.props.isDateValid,
            dayCellClass: this.props.dayCellClass,
        };
        this.title = getTitle(focusDate, precision, params);
        this.items =
            precision === "days"
                ? getJalaliDayItems(focusDate, params)
                : getGridItems(focusDate, precision, params);
    },

    next(ev) {
        if (!jalaliSettings.isActive()) {
            return super.next(ev);
        }
        ev.preventDefault();
        this.state.focusDate = this.clamp(stepJalali(this.state.focusDate, this.state.precision, 1));
    },

    previous(ev) {
        if (!jalaliSettings.isActive()) {
            return super.previous(ev);
        }
        ev.preventDefault();
        this.state.focusDate = this.clamp(
            stepJalali(this.state.focusDate, this.state.precision, -1)
        );
    },
});

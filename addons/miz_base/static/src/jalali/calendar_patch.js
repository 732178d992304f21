/**
 * Calendar view in Jalali for Jalali users: weeks start on Saturday, the month scale shows a Jalali month
 * (six Saturday-first weeks around 1 … 29/30/31 of the month, days of the neighbouring months dimmed),
 * day numbers, week numbers and the month/week/day titles are Jalali, and "next"/"previous" move by
 * Jalali months. Events are untouched: FullCalendar still places them by their Gregorian instants.
 * The year scale stays Odoo's (twelve Gregorian mini-months).
 */
import { patch } from "@web/core/utils/patch";
import { CalendarCommonRenderer } from "@web/views/calendar/calendar_common/calendar_common_renderer";
import { CalendarController } from "@web/views/calendar/calendar_controller";
import { CalendarModel } from "@web/views/calendar/calendar_model";
import {
    MONTH_NAMES_FA,
    MONTH_NAMES_LATIN,
    plusJalaliMonths,
    startOfJalaliMonth,
    toJalali,
    toPersianDigits,
} from "./jalali_core";
import { jalaliSettings } from "./jalali_settings";
import { jalaliWeekNumber, startOfJalaliWeek } from "./datetime_picker_patch";

const { DateTime } = luxon;

export const JALALI_FIRST_DAY = 6; // Saturday (luxon weekday 6, FullCalendar firstDay 6)
export const JALALI_MONTH_VIEW = "mizJalaliMonth";

const active = () => jalaliSettings.isActive();
const digits = (value) =>
    jalaliSettings.persianDigits() ? toPersianDigits(String(value)) : String(value);
const monthName = (jm) => (jalaliSettings.persianDigits() ? MONTH_NAMES_FA : MONTH_NAMES_LATIN)[jm - 1];

/** «مهر ۱۴۰۴» */
export function jalaliMonthTitle(date) {
    const { jy, jm } = toJalali(date);
    return `${monthName(jm)} ${digits(jy)}`;
}

/** Title of a week: «مهر ۱۴۰۴», «شهریور - مهر ۱۴۰۴» or «اسفند ۱۴۰۳ - فروردین ۱۴۰۴». */
export function jalaliWeekTitle(start, end) {
    const a = toJalali(start);
    const b = toJalali(end);
    if (a.jy !== b.jy) {
        return `${monthName(a.jm)} ${digits(a.jy)} - ${monthName(b.jm)} ${digits(b.jy)}`;
    } else if (a.jm !== b.jm) {
        return `${monthName(a.jm)} - ${monthName(b.jm)} ${digits(a.jy)}`;
    }
    return `${monthName(a.jm)} ${digits(a.jy)}`;
}

/** First and last instants of the six-week grid of the Jalali month holding date. */
export function jalaliMonthGrid(date) {
    const start = startOfJalaliWeek(startOfJalaliMonth(date));
    return { start, end: start.plus({ weeks: 6, days: -1 }).endOf("day") };
}

patch(CalendarModel.prototype, {
    setup() {
        super.setup(...arguments);
        if (active()) {
            this.meta.firstDayOfWeek = JALALI_FIRST_DAY;
        }
    },

    computeRange() {
        if (active() && this.meta.scale === "month") {
            return jalaliMonthGrid(this.meta.date);
        }
        return super.computeRange(...arguments);
    },
});

patch(CalendarController.prototype, {
    async setDate(move) {
        if (active() && this.model.scale === "month" && ["next", "previous"].includes(move)) {
            const date = plusJalaliMonths(this.model.date, move === "next" ? 1 : -1);
            return this.model.load({ date });
        }
        return super.setDate(...arguments);
    },

    get currentDate() {
        const scale = this.model.meta.scale;
        if (active() && this.env.isSmall && ["week", "month"].includes(scale)) {
            const { rangeStart, rangeEnd } = this.model;
            const text =
                scale === "week"
                    ? jalaliWeekTitle(rangeStart, rangeEnd)
                    : jalaliMonthTitle(this.date);
            return ` - ${text}`;
        }
        return super.currentDate;
    },

    get today() {
        return active() ? digits(toJalali(DateTime.now()).jd) : super.today;
    },

    get dayHeader() {
        if (!active()) {
            return super.dayHeader;
        }
        const { jy, jm, jd } = toJalali(this.date);
        return `${digits(jd)} ${monthName(jm)} ${digits(jy)}`;
    },

    get weekHeader() {
        return active() ? jalaliWeekTitle(this.model.rangeStart, this.model.rangeEnd) : super.weekHeader;
    },

    get currentMonth() {
        return active() ? jalaliMonthTitle(this.date) : super.currentMonth;
    },

    get currentWeek() {
        return active() ? digits(jalaliWeekNumber(this.model.rangeEnd)) : super.currentWeek;
    },
});

patch(CalendarCommonRenderer.prototype, {
    get options() {
        const options = super.options;
        if (!active()) {
            return options;
        }
        const scale = this.props.model.scale;
        options.firstDay = JALALI_FIRST_DAY;
        options.weekNumberCalculation = (date) => jalaliWeekNumber(DateTime.fromJSDate(date));
        if (scale === "month") {
            options.views = {
                ...(options.views || {}),
                [JALALI_MONTH_VIEW]: { type: "dayGrid", duration: { weeks: 6 } },
            };
            options.initialView = JALALI_MONTH_VIEW;
            // a day inside the first week (not its midnight, which a time zone could move to the day
            // before): FullCalendar aligns the six weeks on the Saturday (firstDay) of that week
            options.initialDate = this.props.model.rangeStart.plus({ days: 3 }).toISODate();
            options.dayCellContent = (info) => this.mizJalaliDayCellContent(info);
        }
        return options;
    },

    /** Jalali day number of a month cell; the month's name on its first day. */
    mizJalaliDayCellContent({ date }) {
        const { jm, jd } = toJalali(DateTime.fromJSDate(date));
        return jd === 1 ? `${digits(jd)} ${monthName(jm)}` : digits(jd);
    },

    getDayCellClassNames(info) {
        const classNames = super.getDayCellClassNames(...arguments);
        if (!active() || this.props.model.scale !== "month") {
            return classNames;
        }
        const day = DateTime.fromJSDate(info.date);
        const { jy, jm } = toJalali(this.props.model.date);
        const cell = toJalali(day);
        if (cell.jy !== jy || cell.jm !== jm) {
            return [...(classNames || []), "fc-day-other", "o_miz_other_month"];
        }
        return classNames;
    },

    headerTemplateProps(date) {
        const props = super.headerTemplateProps(...arguments);
        if (active() && this.props.model.scale !== "month") {
            props.day = digits(toJalali(DateTime.fromJSDate(date)).jd);
        }
        return props;
    },
});


/**
 * Whether the current user sees Jalali dates, and with which digits.
 *
 * The user preference `context_miz_calendar` on res.users reaches the web
 * client as `user.context.miz_calendar` ("auto", "gregorian" or "jalali");
 * "auto" (the default) means Jalali for Persian-language users.
 */
import { user } from "@web/core/user";

export function isPersianLang(lang = user.lang) {
    return /^fa([-_]|$)/i.test(lang || "");
}

export const jalaliSettings = {
    /** @returns {"auto"|"gregorian"|"jalali"} */
    calendarPreference() {
        return user.context?.miz_calendar || "auto";
    },
    isActive() {
        const preference = this.calendarPreference();
        if (preference === "jalali") {
            return true;
        }
        if (preference === "gregorian") {
            return false;
        }
        return isPersianLang();
    },
    /** Persian digits and month names for Persian-language users. */
    persianDigits() {
        return isPersianLang();
    },
};

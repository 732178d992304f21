/** @odoo-module */
// Odoo's own web-client terms that our screens show (error dialog titles, the delete confirmation, search
// suggestions) and that Odoo's Persian translation lacks. Listing them here makes them terms of miz_base: their
// Persian in miz_base/i18n/fa.po reaches the web client, whose translations are one table for all modules.
import { _t } from "@web/core/l10n/translation";

export const MIZ_ODOO_TERMS = [
    _t("Invalid Operation"),
    _t("Bye-bye, record!"),
    _t("No, keep it"),
    _t(`Ready to make your record disappear into thin air? Are you sure?
It will be gone forever!

Think twice before you click that 'Delete' button!`),
    _t("for"),
    _t("at"),
    _t("Load more"),
    _t("Add a custom filter"),
    _t("Discard changes"),
    _t("Save manually"),
    _t("Oh snap!"),
    _t("Odoo Server Error"),
];

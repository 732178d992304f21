import { registry } from "@web/core/registry";

/**
 * As a Persian user: open a time-off record, check its date is shown in
 * Jalali, pick 30 Esfand 1403 in the Jalali picker, save, and see the list
 * show it in Jalali with Persian digits. The Python test asserts the stored
 * Gregorian value afterwards.
 */
registry.category("web_tour.tours").add("miz_base_jalali_tour", {
    url: "/odoo/action-resource.action_resource_calendar_leave_tree",
    steps: () => [
        {
            content: "List shows the start date in Jalali with Persian digits",
            trigger: ".o_data_row td[name='date_from']:contains('۱۴۰۳/۱۲/۲۰')",
        },
        {
            content: "Open the record",
            trigger: ".o_data_row td[name='name']:contains('miz jalali tour')",
            run: "click",
        },
        {
            content: "Form shows the Jalali date",
            trigger: ".o_field_widget[name='date_from'] input:value('۱۴۰۳/۱۲/۲۰ ۰۸:۰۰:۰۰')",
        },
        {
            content: "Open the date picker",
            trigger: ".o_field_widget[name='date_from'] input",
            run: "click",
        },
        {
            content: "The picker shows the Jalali month",
            trigger: ".o_datetime_picker .o_zoom_out:contains('اسفند ۱۴۰۳')",
        },
        {
            content: "Esfand 1403 (leap year) has 30 days: pick the 30th",
            trigger:
                ".o_datetime_picker .o_date_item_cell:not(.o_out_of_range):last:contains('۳۰')",
            run: "click",
        },
        {
            content: "The input shows the picked Jalali date",
            trigger: ".o_field_widget[name='date_from'] input:value('۱۴۰۳/۱۲/۳۰ ۰۸:۰۰:۰۰')",
        },
        {
            content: "Close the picker",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_status_indicator:not(:has(.o_form_button_save:visible))",
        },
        {
            content: "Back to the list",
            trigger: ".breadcrumb-item.o_back_button",
            run: "click",
        },
        {
            content: "The list shows the new date in Jalali with Persian digits",
            trigger: ".o_data_row td[name='date_from']:contains('۱۴۰۳/۱۲/۳۰')",
        },
    ],
});

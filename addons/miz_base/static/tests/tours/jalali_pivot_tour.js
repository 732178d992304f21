import { registry } from "@web/core/registry";

/**
 * As a Persian user: a pivot of holidays with the columns grouped by month shows Jalali months
 * (Shahrivar and Mehr 1404, no Gregorian September), and clicking the Mehr cell opens exactly the
 * records of 1 Mehr – 30 Mehr 1404 (three of them; Gregorian September would hold four).
 */
registry.category("web_tour.tours").add("miz_base_jalali_pivot_tour", {
    steps: () => [
        {
            content: "The columns are Jalali months",
            trigger: ".o_pivot thead th:contains('شهریور ۱۴۰۴')",
        },
        {
            content: "Mehr 1404 is a column too, and no Gregorian month is",
            trigger:
                ".o_pivot:not(:has(th:contains('سپتامبر'))):not(:has(th:contains('September'))) thead th:contains('مهر ۱۴۰۴')",
        },
        {
            content: "Open the records of Mehr 1404 (second cell of the total row)",
            trigger: ".o_pivot tbody tr:first td.o_pivot_cell_value:eq(1)",
            run: "click",
        },
        {
            content: "The list holds the three holidays of Mehr",
            trigger: ".o_list_view .o_data_row td:contains('miz pivot tour mehr 3')",
            run() {
                const names = [...document.querySelectorAll(".o_list_view .o_data_row td[name='name']")].map(
                    (cell) => cell.textContent.trim()
                );
                const expected = ["miz pivot tour mehr 1", "miz pivot tour mehr 2", "miz pivot tour mehr 3"];
                if (names.sort().join("|") !== expected.join("|")) {
                    throw new Error(`Drill-down of Mehr 1404 shows ${names.length} rows: ${names.join(", ")}`);
                }
            },
        },
    ],
});

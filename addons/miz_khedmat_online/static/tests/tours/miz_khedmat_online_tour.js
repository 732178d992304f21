/** @odoo-module **/

import { registry } from "@web/core/registry";

function attachPdf(name) {
    return function () {
        const transfer = new DataTransfer();
        transfer.items.add(new File(["%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"], name, { type: "application/pdf" }));
        this.anchor.files = transfer.files;
    };
}

// catalog → booklet → online request (code read by the test: "123456") → receipt → tracking, on a phone screen
registry.category("web_tour.tours").add("miz_khedmat_online_tour", {
    url: "/miz/services",
    steps: () => [
        { content: "search the catalog", trigger: "input[name=q]", run: "edit پروانه" },
        { trigger: "form[role=search] button[type=submit]", run: "click" },
        { content: "open the service", trigger: "a[href^='/miz/services/']:contains('صدور پروانه ساختمان')", run: "click" },
        { content: "the booklet", trigger: "#miz_service_title:contains('صدور پروانه ساختمان')" },
        { trigger: "h2:contains('مدارک')" },
        { trigger: "#miz_booklet_pdf" },
        { content: "request online", trigger: "#miz_apply", run: "click" },
        { trigger: "input[name=name]", run: "edit مریم احمدی" },
        { trigger: "input[name=national_code]", run: "edit 0012345679" },
        { trigger: "input[name=mobile]", run: "edit 09121234567" },
        { trigger: "#miz_send_code", run: "click" },
        { content: "the one-time code", trigger: "input[name=code]", run: "edit 123456" },
        { trigger: "#miz_verify", run: "click" },
        { content: "the form", trigger: "form[enctype='multipart/form-data'] input[inputmode=numeric]", run: "edit ۱۲۳۴" },
        { trigger: "select.form-select", run: "selectByLabel مسکونی" },
        { trigger: "input[type=file]:eq(0)", run: attachPdf("deed.pdf") },
        { trigger: "input[type=file]:eq(1)", run: attachPdf("plan.pdf") },
        { trigger: "#miz_submit", run: "click" },
        { content: "the receipt", trigger: "#miz_tracking_code" },
        { trigger: "#miz_receipt_pdf" },
        { content: "track it", trigger: "a.btn-outline-secondary[href^='/miz/track/']", run: "click" },
        // the status shown without asking the pair again (its Persian wording is checked by test_tracking.py)
        { content: "the session already proved the pair", trigger: "#miz_track_state strong:not(:empty)" },
    ],
});

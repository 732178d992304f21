import { describe, expect, test } from "@odoo/hoot";
import { queryAllTexts } from "@odoo/hoot-dom";
import {
    contains,
    defineModels,
    fields,
    makeMockEnv,
    models,
    mountView,
    onRpc,
    patchWithCleanup,
} from "@web/../tests/web_test_helpers";
import { registry } from "@web/core/registry";

import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { jalaliSettings } from "@miz_base/jalali/jalali_settings";
import { normalizeNumberInput } from "@miz_base/jalali/numbers_patch";

describe.current.tags("desktop", "miz_base_jalali");

class MizNum extends models.Model {
    _name = "miz.num";
    name = fields.Char();
    qty = fields.Integer({ string: "Qty", aggregator: "sum" });
    ratio = fields.Float({ string: "Ratio" });
    kind = fields.Selection({
        string: "Kind",
        selection: [
            ["x", "X"],
            ["y", "Y"],
        ],
    });
    _records = [
        { id: 1, name: "a", qty: 1234, ratio: 12.5, kind: "x" },
        { id: 2, name: "b", qty: 7, ratio: 0.25, kind: "x" },
        { id: 3, name: "c", qty: 90, ratio: 3, kind: "y" },
    ];
}
class MizCode extends models.Model {
    _name = "miz.code";
    code = fields.Char({ string: "Code" });
    _records = [
        { id: 1, code: "40458-96627-8" },
        { id: 2, code: "1405/و/15" },
    ];
}
defineMailModels();
defineModels([MizNum, MizCode]);

const persianUser = () =>
    patchWithCleanup(jalaliSettings, { isActive: () => true, persianDigits: () => true });
const latinUser = () =>
    patchWithCleanup(jalaliSettings, { isActive: () => false, persianDigits: () => false });

test("integer, float and monetary formatters give Persian digits to a Persian user", async () => {
    await makeMockEnv();
    const formatters = registry.category("formatters");
    persianUser();
    expect(formatters.get("integer")(1234567)).toBe("۱,۲۳۴,۵۶۷");
    expect(formatters.get("float")(1234.5, { digits: [16, 2] })).toBe("۱,۲۳۴.۵۰");
    expect(formatters.get("float_time")(1.5)).toBe("۰۱:۳۰");
    expect(formatters.get("integer")(false)).toBe("");
});

test("formatters are untouched for other users", async () => {
    await makeMockEnv();
    latinUser();
    const formatters = registry.category("formatters");
    expect(formatters.get("integer")(1234567)).toBe("1,234,567");
    expect(formatters.get("float")(1234.5, { digits: [16, 2] })).toBe("1,234.50");
});

test("parsers read Persian, Arabic-Indic and Latin digits", async () => {
    await makeMockEnv();
    const parsers = registry.category("parsers");
    expect(parsers.get("integer")("۱,۲۳۴")).toBe(1234);
    expect(parsers.get("integer")("١٢٣")).toBe(123);
    expect(parsers.get("float")("۱۲.۵")).toBe(12.5);
    expect(parsers.get("float")("۱۲٫۵")).toBe(12.5); // Arabic decimal separator
    expect(parsers.get("float")("1,234.5")).toBe(1234.5);
    expect(normalizeNumberInput("۱٬۲۳۴٫۵")).toBe("1,234.5");
});

test("list cells, aggregates, group counters and pager in Persian digits", async () => {
    persianUser();
    await mountView({
        resModel: "miz.num",
        type: "list",
        arch: `<list limit="2"><field name="name"/><field name="qty" sum="Total"/><field name="ratio"/></list>`,
    });
    expect(queryAllTexts(".o_data_cell[name=qty]")).toEqual(["۱,۲۳۴", "۷"]);
    expect(queryAllTexts(".o_data_cell[name=ratio]")).toEqual(["۱۲.۵۰", "۰.۲۵"]);
    expect(".o_pager_value").toHaveText("۱-۲");
    expect(".o_pager_limit").toHaveText("۳");
    expect(queryAllTexts("tfoot td").filter(Boolean)).toEqual(["۱,۲۴۱"]);
});

test("grouped list counters in Persian digits", async () => {
    persianUser();
    await mountView({
        resModel: "miz.num",
        type: "list",
        arch: `<list><field name="name"/><field name="qty"/></list>`,
        groupBy: ["kind"],
    });
    expect(queryAllTexts(".o_group_name")).toEqual(["X (۲)", "Y (۱)"]);
});

test("an integer typed in Persian digits is saved as a number; readonly shows Persian", async () => {
    persianUser();
    onRpc("miz.num", "web_save", ({ args }) => {
        expect.step(args[1]);
    });
    await mountView({
        resModel: "miz.num",
        type: "form",
        resId: 2,
        arch: `<form><field name="qty"/><field name="ratio"/><field name="name"/><field name="kind" invisible="1"/>
            <field name="qty" readonly="1" string="Qty (readonly)"/></form>`,
    });
    expect(".o_field_widget[name=qty]:eq(1)").toHaveText("۷");
    await contains(".o_field_widget[name=qty]:eq(0) input").edit("۴۵۶");
    await contains(".o_field_widget[name=ratio] input").edit("١٢٫٥");
    await contains(".o_form_button_save").click();
    expect.verifySteps([{ qty: 456, ratio: 12.5 }]);
    expect(".o_field_widget[name=qty]:eq(1)").toHaveText("۴۵۶");
});

test("kanban column counters in Persian digits", async () => {
    persianUser();
    await mountView({
        resModel: "miz.num",
        type: "kanban",
        arch: `<kanban><templates><t t-name="card"><field name="name"/></t></templates></kanban>`,
        groupBy: ["kind"],
    });
    expect(queryAllTexts(".o_kanban_header .o_column_title span:last-child")).toEqual(["(۲)", "(۱)"]);
});

test("search panel counters in Persian digits", async () => {
    persianUser();
    await mountView({
        resModel: "miz.num",
        type: "list",
        arch: `<list><field name="name"/></list>`,
        searchViewArch: `<search><searchpanel>
            <field name="kind" enable_counters="1"/>
            <field name="kind" select="multi" enable_counters="1" string="Kinds"/>
        </searchpanel></search>`,
    });
    expect(queryAllTexts(".o_search_panel_counter")).toEqual(["۲", "۱", "۲", "۱"]);
});

test("a code kept as text (widget miz_digits) reads in Persian digits in lists and forms", async () => {
    persianUser();
    await mountView({
        resModel: "miz.code",
        type: "list",
        arch: `<list><field name="code" widget="miz_digits"/><field name="code" string="Plain"/></list>`,
    });
    expect(queryAllTexts(".o_data_cell[name=code]")).toEqual([
        "۴۰۴۵۸-۹۶۶۲۷-۸",
        "40458-96627-8",
        "۱۴۰۵/و/۱۵",
        "1405/و/15",
    ]);
    await mountView({
        resModel: "miz.code",
        type: "form",
        resId: 1,
        arch: `<form><field name="code" widget="miz_digits" readonly="1"/></form>`,
    });
    expect(".o_form_view .o_field_widget[name=code]").toHaveText("۴۰۴۵۸-۹۶۶۲۷-۸");
});

test("widget miz_digits leaves Latin digits to other users", async () => {
    latinUser();
    await mountView({
        resModel: "miz.code",
        type: "list",
        arch: `<list><field name="code" widget="miz_digits"/></list>`,
    });
    expect(queryAllTexts(".o_data_cell[name=code]")).toEqual(["40458-96627-8", "1405/و/15"]);
});

import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { SampleServer } from "@web/model/sample_server";
import { INTERVAL_OPTIONS } from "@web/search/utils/dates";

/**
 * The two-month audit period ("bimonth": Farvardin–Ordibehesht … Bahman–Esfand) as a date group-by interval,
 * between quarter and month. The server groups it in Jalali (miz_base models/base.py) for every user.
 */
const options = Object.entries(INTERVAL_OPTIONS);
for (const [key] of options) {
    delete INTERVAL_OPTIONS[key];
}
for (const [key, option] of options) {
    INTERVAL_OPTIONS[key] = option;
    if (key === "quarter") {
        INTERVAL_OPTIONS.bimonth = { description: _t("Audit Period"), id: "bimonth", groupNumber: 1 };
    }
}

// Sample data (empty views with sample="1") knows Gregorian intervals only: group the fake records by month and
// hand the groups back under the bimonth key.
patch(SampleServer.prototype, {
    _mockReadGroup(params) {
        const renamed = {};
        const groupBy = (params.groupBy || []).map((spec) => {
            if (spec.endsWith(":bimonth")) {
                const monthSpec = spec.replace(/:bimonth$/, ":month");
                renamed[monthSpec] = spec;
                return monthSpec;
            }
            return spec;
        });
        const groups = super._mockReadGroup({ ...params, groupBy });
        if (!Object.keys(renamed).length) {
            return groups;
        }
        for (const group of groups) {
            for (const [monthSpec, spec] of Object.entries(renamed)) {
                if (monthSpec in group) {
                    group[spec] = group[monthSpec];
                    delete group[monthSpec];
                }
                if (group.__range && monthSpec in group.__range) {
                    group.__range[spec] = group.__range[monthSpec];
                    delete group.__range[monthSpec];
                }
            }
        }
        return groups;
    },
});

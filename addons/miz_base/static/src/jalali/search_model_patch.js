/**
 * Jalali date filter presets in the search model: the option labels (filter menu), the facet description,
 * the domain and the comparison ranges of a date filter, and the year added with a month or quarter.
 * Gregorian users go through Odoo's code unchanged.
 */
import { patch } from "@web/core/utils/patch";
import { SearchModel } from "@web/search/search_model";
import { yearSelected } from "@web/search/utils/dates";
import { constructJalaliDateDomain, getJalaliPeriodOptions } from "./search_dates";
import { jalaliSettings } from "./jalali_settings";

patch(SearchModel.prototype, {
    _getDateFilterDomain(dateFilter, generatorIds, key = "domain") {
        if (!jalaliSettings.isActive()) {
            return super._getDateFilterDomain(...arguments);
        }
        return constructJalaliDateDomain(this.referenceMoment, dateFilter, generatorIds)[key];
    },

    _enrichItem(searchItem) {
        const enriched = super._enrichItem(...arguments);
        if (enriched && searchItem.type === "dateFilter" && jalaliSettings.isActive()) {
            const selectedIds = this.query
                .filter((queryElem) => queryElem.searchItemId === searchItem.id)
                .map((queryElem) => queryElem.generatorId);
            enriched.options = getJalaliPeriodOptions(
                this.referenceMoment,
                searchItem.optionsParams
            ).map(({ description, id, groupNumber }) => ({
                description,
                id,
                groupNumber,
                isActive: selectedIds.includes(id),
            }));
        }
        return enriched;
    },

    getFullComparison() {
        const comparison = super.getFullComparison(...arguments);
        if (!comparison || !jalaliSettings.isActive() || !comparison.comparisonId) {
            return comparison;
        }
        // the comparison item Odoo used: the last comparison or favorite of the query
        let item = null;
        for (const queryElem of this.query.slice().reverse()) {
            const searchItem = this.searchItems[queryElem.searchItemId];
            if (searchItem.type === "comparison" || (searchItem.type === "favorite" && searchItem.comparison)) {
                item = searchItem.type === "comparison" ? searchItem : null;
                break;
            }
        }
        if (!item) {
            return comparison; // a favorite's stored comparison: kept as saved
        }
        const dateFilter = this.searchItems[item.dateFilterId];
        const generatorIds = this._getSelectedGeneratorIds(item.dateFilterId);
        const range = constructJalaliDateDomain(this.referenceMoment, dateFilter, generatorIds);
        const previous = constructJalaliDateDomain(
            this.referenceMoment,
            dateFilter,
            generatorIds,
            comparison.comparisonId
        );
        return {
            ...comparison,
            range: range.domain.toList(),
            rangeDescription: range.description,
            comparisonRange: previous.domain.toList(),
            comparisonRangeDescription: previous.description,
        };
    },

    toggleDateFilter(searchItemId, generatorId) {
        const searchItem = this.searchItems[searchItemId];
        if (!jalaliSettings.isActive() || searchItem?.type !== "dateFilter") {
            return super.toggleDateFilter(...arguments);
        }
        // Odoo's method with the Jalali period options: a month's default year is its Jalali year
        const generatorIds = generatorId ? [generatorId] : searchItem.defaultGeneratorIds;
        const options = getJalaliPeriodOptions(this.referenceMoment, searchItem.optionsParams);
        for (const generatorId of generatorIds) {
            const index = this.query.findIndex(
                (queryElem) =>
                    queryElem.searchItemId === searchItemId &&
                    "generatorId" in queryElem &&
                    queryElem.generatorId === generatorId
            );
            if (index >= 0) {
                this.query.splice(index, 1);
                if (!yearSelected(this._getSelectedGeneratorIds(searchItemId))) {
                    this.query = this.query.filter(
                        (queryElem) => queryElem.searchItemId !== searchItemId
                    );
                }
            } else {
                if (generatorId.startsWith("custom")) {
                    const comparisonId = this._getActiveComparison()?.id;
                    this.query = this.query.filter(
                        (queryElem) =>
                            ![searchItemId, comparisonId].includes(queryElem.searchItemId)
                    );
                    this.query.push({ searchItemId, generatorId });
                    continue;
                }
                this.query = this.query.filter(
                    (queryElem) =>
                        queryElem.searchItemId !== searchItemId ||
                        !queryElem.generatorId.startsWith("custom")
                );
                this.query.push({ searchItemId, generatorId });
                if (!yearSelected(this._getSelectedGeneratorIds(searchItemId))) {
                    const option = options.find((o) => o.id === generatorId);
                    if (option?.defaultYearId) {
                        this.query.push({ searchItemId, generatorId: option.defaultYearId });
                    }
                }
            }
        }
        this._checkComparisonStatus();
        this._notify();
    },
});

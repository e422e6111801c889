/**
 * Copper record pickers: "From List" searches records by name through Copper's search endpoints,
 * one page per call (the page number travels in n8n's paginationToken); "By URL" reads the ID from
 * links of Copper's web app.
 *
 * Web-app link formats accepted (the API documentation does not list them; the first two are the links
 * public Copper integrations build to open a record, the last is assumed from the app's older views):
 *   https://app.copper.com/companies/<account>/app#/browse/list/people/default?fullProfile=people-<id>
 *   https://app.copper.com/companies/<account>/app#/browse/list/companies/default?preview=companies-<id>
 *     (also `context=`; every kind by its plural: people, companies, leads, opportunities, projects, tasks)
 *   https://app.copper.com/companies/<account>/app#/person/<id>   (also contact, organization/company,
 *   lead, deal/opportunity, project, task), and the same on app.prosperworks.com.
 */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { RecordKind } from '../../shared/catalog';
import type { LocatorSpec } from '../../shared/description/fieldProperty';
import { listSearchPage } from '../../shared/methods/loadOptions';
import { PLURAL, RECORD_KINDS } from '../catalog/entities';
import { copperService } from '../service';

/** Records per "From List" page. */
export const LIST_PAGE_SIZE = 50;

/** Path words of Copper's web app for each kind (singular views; plurals only in `fullProfile=` and the like). */
const URL_WORDS: Record<RecordKind, string[]> = {
	person: ['person', 'contact'],
	company: ['company', 'organization'],
	lead: ['lead'],
	opportunity: ['opportunity', 'deal'],
	project: ['project'],
	task: ['task'],
};

/**
 * One capture group (the ID); the rightmost record reference in the link wins, and anything may
 * follow it (n8n validates the whole link against this, e.g. `&tab=activity`).
 */
export function recordUrlRegex(kind: RecordKind): string {
	return `^https?://(?:[\\w-]+\\.)*(?:copper|prosperworks)\\.com/.*(?:(?:fullProfile|preview|context)=${PLURAL[kind]}-|[#/](?:${URL_WORDS[kind].join('|')})/)(\\d+)(?:\\D.*)?`;
}

const search = (kind: RecordKind) =>
	async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const body: Record<string, unknown> = { sort_by: 'name', sort_direction: 'asc' };
		if (filter && filter.trim() !== '') body.name = filter.trim();
		return await listSearchPage(
			this,
			copperService,
			{
				request: { method: 'POST', path: `/${PLURAL[kind]}/search`, body },
				pageSize: LIST_PAGE_SIZE,
				name: (record) => String(record.name ?? record.id),
			},
			paginationToken,
		);
	};

export const copperListSearch = {
	searchPeople: search('person'),
	searchCompanies: search('company'),
	searchLeads: search('lead'),
	searchOpportunities: search('opportunity'),
	searchProjects: search('project'),
	searchTasks: search('task'),
};

const METHOD: Record<RecordKind, keyof typeof copperListSearch> = {
	person: 'searchPeople',
	company: 'searchCompanies',
	lead: 'searchLeads',
	opportunity: 'searchOpportunities',
	project: 'searchProjects',
	task: 'searchTasks',
};

/** The record pickers the property builder offers for each kind. */
export const copperLocators: Record<RecordKind, LocatorSpec> = Object.fromEntries(
	RECORD_KINDS.map((kind) => [
		kind,
		{
			product: 'Copper',
			searchListMethod: METHOD[kind],
			urlRegex: recordUrlRegex(kind),
			urlPlaceholder: `e.g. https://app.copper.com/companies/123456/app#/browse/list/${PLURAL[kind]}/default?fullProfile=${PLURAL[kind]}-12345678`,
		},
	]),
) as Record<RecordKind, LocatorSpec>;

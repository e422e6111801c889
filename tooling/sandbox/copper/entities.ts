/** Entity names (plural paths vs singular `type` values) and blank record factories. */

import type {
	AnyRecord,
	Company,
	EntityPlural,
	EntitySingular,
	FileEntity,
	Lead,
	Opportunity,
	Person,
	Pipeline,
	Project,
	RecordMap,
	Task,
} from './types';

export const ENTITIES: readonly EntityPlural[] = ['leads', 'people', 'companies', 'opportunities', 'projects', 'tasks'];

export const SINGULAR: Record<EntityPlural, EntitySingular> = {
	leads: 'lead',
	people: 'person',
	companies: 'company',
	opportunities: 'opportunity',
	projects: 'project',
	tasks: 'task',
};

export const PLURAL: Record<EntitySingular, EntityPlural> = {
	lead: 'leads',
	person: 'people',
	company: 'companies',
	opportunity: 'opportunities',
	project: 'projects',
	task: 'tasks',
};

export const FILE_ENTITIES: readonly FileEntity[] = ['leads', 'people', 'opportunities', 'companies', 'projects'];

export function isEntityPlural(value: unknown): value is EntityPlural {
	return typeof value === 'string' && (ENTITIES as readonly string[]).includes(value);
}

export function isEntitySingular(value: unknown): value is EntitySingular {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PLURAL, value);
}

/** Accepts a singular, a plural, or the legacy `organization`; returns the singular or undefined. */
export function toSingular(value: unknown): EntitySingular | undefined {
	if (typeof value !== 'string') return undefined;
	const v = value.toLowerCase();
	if (isEntitySingular(v)) return v;
	if (isEntityPlural(v)) return SINGULAR[v];
	if (v === 'organization' || v === 'organizations') return 'company';
	return undefined;
}

export function splitName(name: string): { first_name: string | null; last_name: string | null } {
	const parts = name.trim().split(/\s+/).filter(Boolean);
	if (parts.length === 0) return { first_name: null, last_name: null };
	return { first_name: parts[0], last_name: parts.length > 1 ? parts.slice(1).join(' ') : null };
}

export function joinName(parts: Array<string | null | undefined>): string {
	return parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(' ');
}

// Flat object literals (no spreads): addPeople/addRecords create tens of thousands of these.

export interface BlankDefaults {
	pipeline?: Pipeline;
	leadStatus?: { id: number; name: string };
}

export function blankLead(id: number, name: string, now: number, d: BlankDefaults = {}): Lead {
	const n = splitName(name);
	return {
		id,
		name,
		prefix: null,
		first_name: n.first_name,
		middle_name: null,
		last_name: n.last_name,
		suffix: null,
		address: null,
		assignee_id: null,
		company_name: null,
		customer_source_id: null,
		details: null,
		email: null,
		interaction_count: 0,
		monetary_unit: null,
		monetary_value: null,
		socials: [],
		status: d.leadStatus?.name ?? 'New',
		status_id: d.leadStatus?.id ?? 0,
		tags: [],
		title: null,
		websites: [],
		phone_numbers: [],
		custom_fields: [],
		date_created: now,
		date_modified: now,
		date_last_contacted: null,
		converted_unix_timestamp: null,
	};
}

export function blankPerson(id: number, name: string, now: number): Person {
	const n = splitName(name);
	return {
		id,
		name,
		prefix: null,
		first_name: n.first_name,
		middle_name: null,
		last_name: n.last_name,
		suffix: null,
		address: null,
		assignee_id: null,
		company_id: null,
		company_name: null,
		contact_type_id: null,
		details: null,
		emails: [],
		phone_numbers: [],
		socials: [],
		tags: [],
		title: null,
		websites: [],
		custom_fields: [],
		date_created: now,
		date_modified: now,
		date_last_contacted: null,
		interaction_count: 0,
		leads_converted_from: [],
		date_lead_created: null,
	};
}

export function blankCompany(id: number, name: string, now: number): Company {
	return {
		id,
		name,
		address: null,
		assignee_id: null,
		contact_type_id: null,
		details: null,
		email_domain: null,
		phone_numbers: [],
		socials: [],
		tags: [],
		websites: [],
		custom_fields: [],
		primary_contact_id: null,
		interaction_count: 0,
		date_last_contacted: null,
		date_created: now,
		date_modified: now,
	};
}

export function blankOpportunity(id: number, name: string, now: number, d: BlankDefaults = {}): Opportunity {
	const stage = d.pipeline?.stages[0];
	return {
		id,
		name,
		assignee_id: null,
		close_date: null,
		company_id: null,
		company_name: null,
		customer_source_id: null,
		details: null,
		loss_reason_id: null,
		pipeline_id: d.pipeline?.id ?? 0,
		pipeline_stage_id: stage?.id ?? 0,
		primary_contact_id: null,
		priority: 'None',
		status: 'Open',
		tags: [],
		interaction_count: 0,
		monetary_unit: null,
		monetary_value: null,
		win_probability: stage?.win_probability ?? null,
		date_last_contacted: null,
		leads_converted_from: [],
		date_lead_created: null,
		date_stage_changed: now,
		date_created: now,
		date_modified: now,
		custom_fields: [],
	};
}

export function blankProject(id: number, name: string, now: number): Project {
	return {
		id,
		name,
		related_resource: null,
		assignee_id: null,
		status: 'Open',
		details: null,
		tags: [],
		custom_fields: [],
		date_created: now,
		date_modified: now,
	};
}

export function blankTask(id: number, name: string, now: number): Task {
	return {
		id,
		name,
		related_resource: null,
		assignee_id: null,
		due_date: null,
		reminder_date: null,
		completed_date: null,
		priority: 'None',
		status: 'Open',
		details: null,
		tags: [],
		custom_fields: [],
		date_created: now,
		date_modified: now,
		custom_activity_type_id: null,
	};
}

export function blankRecord<E extends EntityPlural>(
	entity: E,
	id: number,
	name: string,
	now: number,
	d: BlankDefaults = {},
): RecordMap[E] {
	let rec: AnyRecord;
	switch (entity) {
		case 'leads':
			rec = blankLead(id, name, now, d);
			break;
		case 'people':
			rec = blankPerson(id, name, now);
			break;
		case 'companies':
			rec = blankCompany(id, name, now);
			break;
		case 'opportunities':
			rec = blankOpportunity(id, name, now, d);
			break;
		case 'projects':
			rec = blankProject(id, name, now);
			break;
		default:
			rec = blankTask(id, name, now);
	}
	return rec as RecordMap[E];
}

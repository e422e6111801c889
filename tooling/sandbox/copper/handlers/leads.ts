/** Lead-only operations: UPSERT (L-7/L-8) and CONVERT (L-9). */

import { ValidationError, invalidInput, notFound, unprocessable } from '../errors';
import { createRecord, updateRecord } from '../operations';
import { idParam, ok, type Ctx, type Reply, type Router } from '../router';
import { serializeRecord } from '../serialize';
import type { CopperStore } from '../store';
import type { Company, Lead, Opportunity, Person } from '../types';
import { normalizeRecordInput } from '../recordInput';
import { customFieldValue, isObject, type Obj } from '../validation';
import { bodyObject } from './util';

const UPSERT_ID_LIMIT = 30;

function sameValue(a: unknown, b: unknown): boolean {
	if (Array.isArray(a) && Array.isArray(b)) {
		const x = [...a].sort();
		const y = [...b].sort();
		return x.length === y.length && x.every((v, i) => v === y[i]);
	}
	if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
	return a === b;
}

function upsert(ctx: Ctx): Reply {
	const { store } = ctx;
	const b = bodyObject(ctx);
	if (!isObject(b.properties)) throw invalidInput('properties is required');
	if (!isObject(b.match)) throw invalidInput('match is required');
	const properties: Obj = { ...b.properties };
	const { field_name: fieldName, field_value: fieldValue } = b.match;
	const leads = Array.from(store.leads.values()).filter((l) => l.converted_unix_timestamp == null);
	let matches: Lead[];
	if (fieldName === 'email') {
		if (typeof fieldValue !== 'string' || fieldValue === '') throw invalidInput('match.field_value must be an email address');
		const want = fieldValue.trim().toLowerCase();
		matches = leads.filter((l) => l.email?.email.toLowerCase() === want);
		if (properties.email === undefined) properties.email = { email: fieldValue.trim(), category: 'work' };
	} else if (fieldName === 'name') {
		if (typeof fieldValue !== 'string' || fieldValue === '') throw invalidInput('match.field_value must be a name');
		const want = fieldValue.trim().toLowerCase();
		matches = leads.filter((l) => l.name.toLowerCase() === want);
		if (properties.name === undefined) properties.name = fieldValue.trim();
	} else if (fieldName === 'custom') {
		if (!isObject(fieldValue) || typeof fieldValue.custom_field_definition_id !== 'number') {
			throw invalidInput('match.field_value must be {custom_field_definition_id, value}');
		}
		const def = store.customFieldDefinitions.get(fieldValue.custom_field_definition_id);
		if (!def || !def.available_on.includes('lead') || !def.is_filterable) {
			throw invalidInput('the custom field must exist, be available on leads and be filterable');
		}
		let want: unknown;
		try {
			want = customFieldValue(def, fieldValue.value);
		} catch {
			throw invalidInput('match.field_value.value is invalid for this custom field');
		}
		matches = leads.filter((l) => sameValue(l.custom_fields.find((c) => c.custom_field_definition_id === def.id)?.value, want));
		const cfs = Array.isArray(properties.custom_fields) ? [...properties.custom_fields] : [];
		if (!cfs.some((c) => isObject(c) && c.custom_field_definition_id === def.id)) {
			cfs.push({ custom_field_definition_id: def.id, value: fieldValue.value });
			properties.custom_fields = cfs;
		}
	} else {
		throw invalidInput('match.field_name must be email, name or custom');
	}

	if (matches.length > UPSERT_ID_LIMIT) {
		throw unprocessable(`Validation Error: More than ${UPSERT_ID_LIMIT} leads match`);
	}
	if (matches.length > 1) {
		const ids = matches.map((l) => l.id);
		throw unprocessable(`Validation Error: More than one lead matches (ids: ${ids.join(', ')})`, { ids });
	}
	const lead = matches.length === 1 ? updateRecord(store, 'leads', matches[0].id, properties) : createRecord(store, 'leads', properties);
	return ok(serializeRecord(store, 'leads', lead, ctx.computed));
}

function findCompanyByName(store: CopperStore, name: string): Company | undefined {
	const want = name.trim().toLowerCase();
	return Array.from(store.companies.values()).find((c) => c.name.toLowerCase() === want);
}

/** The conversion's `details`: person, company and opportunity inputs, each checked for shape. */
function conversionInput(ctx: Ctx): { personIn: Obj; companyIn: unknown; oppIn: unknown } {
	const b = ctx.body === undefined ? {} : bodyObject(ctx);
	const details = b.details === undefined ? {} : b.details;
	if (!isObject(details)) throw invalidInput('details must be an object');
	const personIn = details.person === undefined ? {} : details.person;
	const companyIn = details.company;
	const oppIn = details.opportunity;
	if (!isObject(personIn)) throw invalidInput('details.person must be an object');
	if (companyIn !== undefined && companyIn !== null && !isObject(companyIn)) throw invalidInput('details.company must be an object');
	if (oppIn !== undefined && oppIn !== null && !isObject(oppIn)) throw invalidInput('details.opportunity must be an object');
	return { personIn, companyIn, oppIn };
}

/** Company: explicit id, explicit name ("" = none), or the lead's company_name (matched by name when it exists). */
function conversionCompany(store: CopperStore, lead: Lead, companyIn: unknown): { company?: Company; companyName: string | null } {
	let company: Company | undefined;
	let companyName: string | null = null;
	if (isObject(companyIn) && companyIn.id !== undefined && companyIn.id !== null) {
		company = typeof companyIn.id === 'number' ? store.companies.get(companyIn.id) : undefined;
		if (!company) throw new ValidationError('company', 'Company is invalid');
	} else if (isObject(companyIn) && companyIn.name !== undefined) {
		if (typeof companyIn.name !== 'string') throw new ValidationError('company', 'Company is invalid');
		companyName = companyIn.name.trim() || null;
	} else {
		companyName = lead.company_name?.trim() || null;
	}
	if (!company && companyName) company = findCompanyByName(store, companyName);
	return { company, companyName };
}

/** The person to create from the lead (validated, nothing changed yet). */
function personBodyOf(store: CopperStore, lead: Lead, personIn: Obj): Obj {
	const personCfIds = new Set(store.definitionsFor('person').map((d) => d.id));
	const personBody: Obj = {
		name: typeof personIn.name === 'string' && personIn.name.trim() !== '' ? personIn.name : lead.name,
		prefix: lead.prefix,
		suffix: lead.suffix,
		title: lead.title,
		details: lead.details,
		address: lead.address,
		phone_numbers: lead.phone_numbers,
		socials: lead.socials,
		websites: lead.websites,
		tags: lead.tags,
		emails: lead.email ? [lead.email] : [],
		assignee_id: personIn.assignee_id !== undefined ? personIn.assignee_id : lead.assignee_id,
		contact_type_id: personIn.contact_type_id,
		custom_fields: lead.custom_fields.filter((c) => personCfIds.has(c.custom_field_definition_id)),
	};
	if (personIn.name === undefined) {
		personBody.first_name = lead.first_name;
		personBody.middle_name = lead.middle_name;
		personBody.last_name = lead.last_name;
	}
	normalizeRecordInput(store, 'people', personBody); // validate before changing anything
	return personBody;
}

/** The opportunity to create from the lead, when asked for (validated, nothing changed yet). */
function opportunityBodyOf(store: CopperStore, lead: Lead, oppIn: unknown): Obj | undefined {
	if (!isObject(oppIn)) return undefined;
	const oppBody: Obj = {
		name: oppIn.name !== undefined ? oppIn.name : lead.name,
		pipeline_id: oppIn.pipeline_id,
		pipeline_stage_id: oppIn.pipeline_stage_id,
		monetary_value: oppIn.monetary_value !== undefined ? oppIn.monetary_value : lead.monetary_value,
		assignee_id: oppIn.assignee_id !== undefined ? oppIn.assignee_id : lead.assignee_id,
		customer_source_id: lead.customer_source_id,
	};
	normalizeRecordInput(store, 'opportunities', oppBody);
	return oppBody;
}

function convert(ctx: Ctx): Reply {
	const { store } = ctx;
	const lead = store.leads.get(idParam(ctx));
	if (!lead) throw notFound();
	if (lead.converted_unix_timestamp != null) throw unprocessable('Validation Error: Lead has already been converted');
	const { personIn, companyIn, oppIn } = conversionInput(ctx);
	const found = conversionCompany(store, lead, companyIn);
	let company = found.company;
	// Person: reuse the person owning the lead's email, else create from the lead.
	const email = lead.email?.email;
	let person: Person | undefined = email ? store.findPersonByEmail(email) : undefined;
	const personBody = person ? undefined : personBodyOf(store, lead, personIn);
	const oppBody = opportunityBodyOf(store, lead, oppIn);

	const now = store.now();
	const conversion = { lead_id: lead.id, converted_timestamp: now };
	if (!company && found.companyName) company = createRecord(store, 'companies', { name: found.companyName, address: lead.address });
	if (!person && personBody) {
		if (company) personBody.company_id = company.id;
		person = createRecord(store, 'people', personBody);
	}
	if (!person) throw new Error('unreachable: person not created');
	store.update('people', person.id, { leads_converted_from: [...person.leads_converted_from, conversion], date_lead_created: lead.date_created }, false);
	let opportunity: Opportunity | undefined;
	if (oppBody) {
		oppBody.primary_contact_id = person.id;
		if (company) oppBody.company_id = company.id;
		opportunity = createRecord(store, 'opportunities', oppBody);
		store.update('opportunities', opportunity.id, { leads_converted_from: [conversion], date_lead_created: lead.date_created }, false);
	}
	store.update('leads', lead.id, { converted_unix_timestamp: now });

	return ok({
		person: serializeRecord(store, 'people', person, ctx.computed),
		company: company ? serializeRecord(store, 'companies', company, ctx.computed) : null,
		opportunity: opportunity ? serializeRecord(store, 'opportunities', opportunity, ctx.computed) : null,
	});
}

/** Register before the generic `/leads/:id` routes. */
export function registerLeadRoutes(router: Router): void {
	router.put('/leads/upsert', upsert);
	router.post('/leads/:id/convert', convert);
}

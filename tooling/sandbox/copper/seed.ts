/**
 * Seeds. Both seeds load the lookups (account, users, pipelines, sources, loss reasons, contact types,
 * lead statuses, activity types, field layouts), the custom field definitions and a custom activity
 * type. 'minimal' adds two records of each type and a few activities; 'demo' adds ~50 people across
 * ~14 companies, leads, opportunities in every stage, projects, tasks, activities and tags.
 * Everything is deterministic (fixed lookup ids, a seeded PRNG for demo data).
 */

import { createActivity } from './handlers/activities';
import { createRecord } from './operations';
import type { CopperStore } from './store';
import type { AnyRecord, CustomFieldDefinition, EntityPlural, FieldLayoutRow } from './types';

/** Fixed ids of seeded lookups and custom fields, for tests. */
export const SEED_IDS = {
	account: 100624,
	users: { owner: 137658, demo: 159258, seller: 159259, admin: 159260 },
	pipelines: { sales: 213214, partnerships: 213215 },
	stages: { qualified: 987790, followUp: 987791, presentation: 987792, contractSent: 987793, negotiation: 987794, intro: 987795, evaluation: 987796, signed: 987797 },
	customerSources: { email: 331240, coldCall: 331241, advertising: 331242 },
	lossReasons: { price: 308806, features: 308807, competitor: 308808 },
	contactTypes: { potentialCustomer: 451490, currentCustomer: 451491, uncategorized: 451492, other: 451493 },
	leadStatuses: { new: 208231, open: 208232, unqualified: 208233, junk: 208234 },
	activityTypes: { note: 0, phoneCall: 190711, meeting: 190712, email: 190713, propertyChanged: 1, stageChanged: 3 },
	customFields: {
		industry: 100764,
		interests: 103481,
		contractDate: 103482,
		externalRef: 103483,
		vip: 103484,
		annualRevenue: 103485,
		discount: 103486,
		referredBy: 103487,
	},
	options: {
		technology: 167770,
		retail: 167771,
		finance: 167772,
		healthcare: 167773,
		productA: 167780,
		productB: 167781,
		productC: 167782,
	},
	customActivityTypes: { customMeeting: 4 },
} as const;

const CF = SEED_IDS.customFields;
const OPT = SEED_IDS.options;

function layout(rows: Array<[string, string, boolean?]>): FieldLayoutRow[] {
	return rows.map(([key, label, required], i) => ({
		field_id: i,
		field_label: label,
		field_key: key,
		field_type: 'static_field',
		enabled: true,
		required: required === true,
		required_editable: key !== 'full_name' && key !== 'name',
	}));
}

export function seedLookups(store: CopperStore, ownerEmail: string): void {
	store.account = {
		id: SEED_IDS.account,
		name: 'Dev API Sandbox',
		primary_timezone: 'America/Los_Angeles',
		settings: { setting_team_permissions_enabled: false, setting_enable_leads: true },
	};
	const U = SEED_IDS.users;
	store.users = [
		{ id: U.owner, name: 'Sandbox Owner', email: ownerEmail, groups: [{ id: 1, name: 'Sales' }] },
		{ id: U.demo, name: 'Demo User', email: 'demouser@example.com', groups: [{ id: 1, name: 'Sales' }] },
		{ id: U.seller, name: 'Sam Seller', email: 'sam.seller@sandbox.test', groups: [{ id: 1, name: 'Sales' }] },
		{ id: U.admin, name: 'Alex Admin', email: 'alex.admin@sandbox.test', groups: [{ id: 2, name: 'Admins' }] },
	];
	store.apiUserId = U.owner;
	const S = SEED_IDS.stages;
	store.pipelines = [
		{
			id: SEED_IDS.pipelines.sales,
			name: 'Sales',
			stages: [
				{ id: S.qualified, name: 'Qualified', win_probability: 5 },
				{ id: S.followUp, name: 'Follow-up', win_probability: 10 },
				{ id: S.presentation, name: 'Presentation', win_probability: 40 },
				{ id: S.contractSent, name: 'Contract Sent', win_probability: 75 },
				{ id: S.negotiation, name: 'Negotiation', win_probability: 90 },
			],
		},
		{
			id: SEED_IDS.pipelines.partnerships,
			name: 'Partnerships',
			stages: [
				{ id: S.intro, name: 'Intro', win_probability: 10 },
				{ id: S.evaluation, name: 'Evaluation', win_probability: 50 },
				{ id: S.signed, name: 'Signed', win_probability: 100 },
			],
		},
	];
	store.customerSources = [
		{ id: SEED_IDS.customerSources.email, name: 'Email' },
		{ id: SEED_IDS.customerSources.coldCall, name: 'Cold Call' },
		{ id: SEED_IDS.customerSources.advertising, name: 'Advertising' },
	];
	store.lossReasons = [
		{ id: SEED_IDS.lossReasons.price, name: 'Price' },
		{ id: SEED_IDS.lossReasons.features, name: 'Features' },
		{ id: SEED_IDS.lossReasons.competitor, name: 'Competitor' },
	];
	store.contactTypes = [
		{ id: SEED_IDS.contactTypes.potentialCustomer, name: 'Potential Customer' },
		{ id: SEED_IDS.contactTypes.currentCustomer, name: 'Current Customer' },
		{ id: SEED_IDS.contactTypes.uncategorized, name: 'Uncategorized' },
		{ id: SEED_IDS.contactTypes.other, name: 'Other' },
	];
	store.leadStatuses = [
		{ id: SEED_IDS.leadStatuses.new, name: 'New', order: 1, is_default: true },
		{ id: SEED_IDS.leadStatuses.open, name: 'Open', order: 2, is_default: false },
		{ id: SEED_IDS.leadStatuses.unqualified, name: 'Unqualified', order: 3, is_default: false },
		{ id: SEED_IDS.leadStatuses.junk, name: 'Junk', order: 4, is_default: false },
	];
	const A = SEED_IDS.activityTypes;
	store.activityTypes = {
		user: [
			{ id: A.note, category: 'user', name: 'Note', is_disabled: false, count_as_interaction: false },
			{ id: A.phoneCall, category: 'user', name: 'Phone Call', is_disabled: false, count_as_interaction: true },
			{ id: A.meeting, category: 'user', name: 'Meeting', is_disabled: false, count_as_interaction: true },
			{ id: A.email, category: 'user', name: 'Email', is_disabled: false, count_as_interaction: true },
		],
		system: [
			{ id: A.propertyChanged, category: 'system', name: 'Property Changed', is_disabled: false, count_as_interaction: false },
			{ id: A.stageChanged, category: 'system', name: 'Pipeline Stage Changed', is_disabled: false, count_as_interaction: false },
		],
	};
	const personish: Array<[string, string, boolean?]> = [
		['full_name', 'Name', true],
		['title', 'Title'],
		['company_name', 'Company'],
	];
	const contact: Array<[string, string, boolean?]> = [
		['phone_numbers', 'Phone Numbers'],
		['address', 'Address'],
		['socials', 'Social Profiles'],
		['websites', 'Websites'],
		['tags', 'Tags'],
		['details', 'Description'],
	];
	store.fieldLayouts = {
		leads: layout([...personish, ['status', 'Status', true], ['customer_source_id', 'Source'], ['assignee_id', 'Owner'], ['email', 'Email'], ['monetary_value', 'Value'], ...contact]),
		people: layout([...personish, ['contact_type_id', 'Contact Type'], ['assignee_id', 'Owner'], ['emails', 'Emails'], ...contact]),
		companies: layout([['name', 'Name', true], ['contact_type_id', 'Contact Type'], ['assignee_id', 'Owner'], ['email_domain', 'Email Domain'], ...contact]),
		opportunities: layout([
			['name', 'Name', true],
			['company_name', 'Company'],
			['primary_contact_id', 'Primary Contact'],
			['pipeline_stage_id', 'Stage', true],
			['status', 'Status', true],
			['monetary_value', 'Value'],
			['close_date', 'Close Date'],
			['win_probability', 'Win Probability'],
			['priority', 'Priority'],
			['customer_source_id', 'Source'],
			['loss_reason_id', 'Loss Reason'],
			['assignee_id', 'Owner'],
			['tags', 'Tags'],
			['details', 'Description'],
		]),
		projects: layout([['name', 'Name', true], ['related_resource', 'Related To'], ['status', 'Status'], ['assignee_id', 'Owner'], ['tags', 'Tags'], ['details', 'Description']]),
		tasks: layout([
			['name', 'Name', true],
			['related_resource', 'Related To'],
			['assignee_id', 'Owner'],
			['due_date', 'Due Date'],
			['reminder_date', 'Reminder'],
			['priority', 'Priority'],
			['status', 'Status'],
			['tags', 'Tags'],
			['details', 'Description'],
		]),
	};

	const defs: CustomFieldDefinition[] = [
		{
			id: CF.industry,
			name: 'Industry',
			canonical_name: 'industry',
			data_type: 'Dropdown',
			available_on: ['lead', 'person', 'company', 'opportunity'],
			is_filterable: true,
			options: [
				{ id: OPT.technology, name: 'Technology', rank: 0 },
				{ id: OPT.retail, name: 'Retail', rank: 1 },
				{ id: OPT.finance, name: 'Finance', rank: 2 },
				{ id: OPT.healthcare, name: 'Healthcare', rank: 3 },
			],
		},
		{
			id: CF.interests,
			name: 'Interests',
			canonical_name: 'interests',
			data_type: 'MultiSelect',
			available_on: ['lead', 'person', 'company'],
			is_filterable: true,
			options: [
				{ id: OPT.productA, name: 'Product A', rank: 0 },
				{ id: OPT.productB, name: 'Product B', rank: 1 },
				{ id: OPT.productC, name: 'Product C', rank: 2 },
			],
		},
		{ id: CF.contractDate, name: 'Contract Date', canonical_name: 'contract_date', data_type: 'Date', available_on: ['company', 'opportunity', 'project'], is_filterable: true },
		{
			id: CF.externalRef,
			name: 'External Ref',
			canonical_name: 'external_ref',
			data_type: 'String',
			available_on: ['lead', 'person', 'company', 'opportunity', 'project', 'task'],
			is_filterable: true,
		},
		{ id: CF.vip, name: 'VIP', canonical_name: 'vip', data_type: 'Checkbox', available_on: ['lead', 'person', 'company'], is_filterable: true },
		{
			id: CF.annualRevenue,
			name: 'Annual Revenue',
			canonical_name: 'annual_revenue',
			data_type: 'Currency',
			available_on: ['company', 'opportunity'],
			is_filterable: true,
			currency: 'USD',
		},
		{ id: CF.discount, name: 'Discount', canonical_name: 'discount', data_type: 'Percentage', available_on: ['opportunity'], is_filterable: false },
		{ id: CF.referredBy, name: 'Referred By', canonical_name: 'referred_by', data_type: 'Connect', available_on: ['lead', 'person', 'company', 'opportunity'], is_filterable: false },
	];
	for (const d of defs) store.customFieldDefinitions.set(d.id, d);
	store.customActivityTypes.set(SEED_IDS.customActivityTypes.customMeeting, {
		id: SEED_IDS.customActivityTypes.customMeeting,
		company_id: SEED_IDS.account,
		icon_type: 'Event',
		is_disabled: false,
		is_interaction: true,
		name: 'Custom Meeting',
		is_default_task_type: null,
	});
}

const DAY = 86_400;

function backdate(rec: AnyRecord, created: number, modified = created): void {
	rec.date_created = created;
	rec.date_modified = Math.max(created, modified);
}

export function seedMinimal(store: CopperStore): void {
	const now = store.now();
	const dm = createRecord(store, 'companies', {
		name: 'Dunder Mifflin (sample)',
		address: { street: '213 West Main Street', city: 'Scranton', state: 'PA', postal_code: '18501', country: 'US' },
		contact_type_id: SEED_IDS.contactTypes.currentCustomer,
		details: 'Paper company. Sample record.',
		email_domain: 'dundermifflin.com',
		phone_numbers: [{ number: '4153554776', category: 'work' }],
		websites: [{ url: 'http://www.dundermifflin.com/index.shtml', category: 'work' }],
		tags: ['customer'],
		custom_fields: [
			{ custom_field_definition_id: CF.industry, value: OPT.retail },
			{ custom_field_definition_id: CF.annualRevenue, value: 1_200_000 },
		],
	});
	const initech = createRecord(store, 'companies', {
		name: 'Initech',
		address: { street: '4120 Freidrich Lane', city: 'Austin', state: 'TX', postal_code: '78744', country: 'US' },
		contact_type_id: SEED_IDS.contactTypes.potentialCustomer,
		email_domain: 'initech.com',
		tags: ['prospect'],
		custom_fields: [{ custom_field_definition_id: CF.industry, value: OPT.technology }],
	});
	const michael = createRecord(store, 'people', {
		name: 'Michael Scott',
		title: 'Regional Manager',
		company_id: dm.id,
		contact_type_id: SEED_IDS.contactTypes.currentCustomer,
		assignee_id: SEED_IDS.users.owner,
		emails: [{ email: 'michael.scott@dundermifflin.com', category: 'work' }],
		phone_numbers: [{ number: '415-123-45678', category: 'mobile' }],
		tags: ['vip', 'customer'],
		custom_fields: [
			{ custom_field_definition_id: CF.industry, value: OPT.retail },
			{ custom_field_definition_id: CF.vip, value: true },
			{ custom_field_definition_id: CF.interests, value: [OPT.productA, OPT.productB] },
		],
	});
	const peter = createRecord(store, 'people', {
		name: 'Peter Gibbons',
		title: 'Software Engineer',
		company_id: initech.id,
		contact_type_id: SEED_IDS.contactTypes.potentialCustomer,
		emails: [{ email: 'peter.gibbons@initech.com', category: 'work' }],
		address: { street: null, city: 'Austin', state: 'TX', postal_code: null, country: 'US' },
		tags: ['prospect'],
	});
	const lead = createRecord(store, 'leads', {
		name: 'Test Lead',
		title: 'Title',
		address: { street: '301 Howard St Ste 600', city: 'San Francisco', state: 'CA', postal_code: '94105', country: 'US' },
		assignee_id: SEED_IDS.users.owner,
		company_name: "Lead's Company",
		customer_source_id: SEED_IDS.customerSources.coldCall,
		details: 'This is a demo description',
		email: { email: 'address@workemail.com', category: 'work' },
		monetary_value: 100,
		socials: [{ url: 'facebook.com/test_lead', category: 'facebook' }],
		tags: ['tag 1', 'tag 2'],
		websites: [{ url: 'www.workwebsite.com', category: 'work' }],
		phone_numbers: [
			{ number: '415-999-4321', category: 'mobile' },
			{ number: '415-555-1234', category: 'work' },
		],
	});
	createRecord(store, 'leads', {
		name: 'Jane Prospect',
		company_name: 'Prospect Labs',
		status: 'Open',
		customer_source_id: SEED_IDS.customerSources.email,
		email: { email: 'jane@prospectlabs.test', category: 'work' },
		custom_fields: [{ custom_field_definition_id: CF.externalRef, value: 'EXT-1001' }],
	});
	const opp = createRecord(store, 'opportunities', {
		name: '8 New Copy Machines (sample)',
		close_date: '1/23/2027',
		company_id: dm.id,
		primary_contact_id: michael.id,
		customer_source_id: SEED_IDS.customerSources.coldCall,
		pipeline_id: SEED_IDS.pipelines.sales,
		pipeline_stage_id: SEED_IDS.stages.qualified,
		monetary_value: 250000,
		tags: ['q3-campaign'],
	});
	createRecord(store, 'opportunities', {
		name: 'TPS Report Automation',
		company_id: initech.id,
		primary_contact_id: peter.id,
		pipeline_id: SEED_IDS.pipelines.sales,
		pipeline_stage_id: SEED_IDS.stages.presentation,
		monetary_value: 48000,
		priority: 'High',
		assignee_id: SEED_IDS.users.seller,
	});
	const project = createRecord(store, 'projects', {
		name: 'Customize Your New CRM',
		related_resource: { id: dm.id, type: 'company' },
		details: 'Visit our settings section to customize your CRM.',
	});
	createRecord(store, 'projects', { name: 'Onboarding Initech', related_resource: { id: initech.id, type: 'company' }, assignee_id: SEED_IDS.users.seller });
	createRecord(store, 'tasks', {
		name: 'My First Task',
		related_resource: { id: project.id, type: 'project' },
		assignee_id: SEED_IDS.users.owner,
		due_date: now + 7 * DAY,
	});
	createRecord(store, 'tasks', { name: 'Follow up with Peter', related_resource: { id: peter.id, type: 'person' }, priority: 'High', due_date: now + 2 * DAY });

	const A = SEED_IDS.activityTypes;
	createActivity(store, { parent: { id: dm.id, type: 'company' }, type: { id: A.phoneCall, category: 'user' }, details: 'Demo phone call', activity_date: now - 3 * DAY });
	createActivity(store, { parent: { id: michael.id, type: 'person' }, type: { id: A.note, category: 'user' }, details: 'Prefers email over phone', activity_date: now - 2 * DAY });
	createActivity(store, { parent: { id: opp.id, type: 'opportunity' }, type: { id: A.meeting, category: 'user' }, details: 'Kick-off meeting', activity_date: now - DAY });
	createActivity(store, { parent: { id: lead.id, type: 'lead' }, type: { id: A.note, category: 'user' }, details: 'Met at the trade show', activity_date: now - 5 * DAY });
}

// Demo data ------------------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
	let a = seed;
	return () => {
		a |= 0;
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const FIRST = ['Ava', 'Ben', 'Chloe', 'Diego', 'Emma', 'Farid', 'Grace', 'Hiro', 'Isla', 'Jonas', 'Kara', 'Liam', 'Maya', 'Noah', 'Olivia', 'Priya', 'Quinn', 'Ravi', 'Sofia', 'Theo', 'Uma', 'Victor', 'Wen', 'Yara', 'Zane'];
const LAST = ['Anderson', 'Brooks', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Hughes', 'Ito', 'Johnson', 'Kim', 'Lopez', 'Martin', 'Nguyen', 'Okafor', 'Patel', 'Rossi', 'Singh', 'Taylor', 'Walker'];
const COMPANIES: Array<[string, string, string, string]> = [
	['Acme Robotics', 'acmerobotics.test', 'Boston', 'MA'],
	['Blue Harbor Foods', 'blueharbor.test', 'Seattle', 'WA'],
	['Cobalt Analytics', 'cobaltanalytics.test', 'Denver', 'CO'],
	['Delta Freight', 'deltafreight.test', 'Memphis', 'TN'],
	['Evergreen Health', 'evergreenhealth.test', 'Portland', 'OR'],
	['Fjord Finance', 'fjordfinance.test', 'New York', 'NY'],
	['Granite Retail', 'graniteretail.test', 'Chicago', 'IL'],
	['Helios Energy', 'heliosenergy.test', 'Phoenix', 'AZ'],
	['Iris Media', 'irismedia.test', 'Los Angeles', 'CA'],
	['Juniper Labs', 'juniperlabs.test', 'San Francisco', 'CA'],
	['Kestrel Logistics', 'kestrel.test', 'Dallas', 'TX'],
	['Lumen Education', 'lumenedu.test', 'Atlanta', 'GA'],
];
const TAGS = ['vip', 'newsletter', 'q3-campaign', 'partner', 'enterprise', 'smb', 'trade-show', 'referral'];
const TITLES = ['CEO', 'CTO', 'VP Sales', 'Head of Operations', 'Procurement Manager', 'Marketing Director', 'Engineer', 'Office Manager'];
const DEAL_NAMES = ['Platform License', 'Annual Renewal', 'Pilot Program', 'Expansion Seats', 'Support Upgrade', 'Data Migration', 'Hardware Refresh', 'Training Package'];
const TASK_NAMES = ['Send proposal', 'Schedule demo', 'Follow up on pricing', 'Prepare contract', 'Check in after onboarding', 'Review requirements', 'Book quarterly review', 'Send case study'];
const NOTES = ['Discussed budget for next quarter', 'Asked for a product demo', 'Needs approval from finance', 'Interested in the enterprise tier', 'Left a voicemail', 'Shared pricing sheet', 'Positive call, moving forward', 'Requested references'];

export function seedDemo(store: CopperStore): void {
	seedMinimal(store);
	const rnd = mulberry32(20240601);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
	const some = <T>(list: readonly T[], max: number): T[] => {
		const n = Math.floor(rnd() * (max + 1));
		const out: T[] = [];
		for (let i = 0; i < n; i++) {
			const v = pick(list);
			if (!out.includes(v)) out.push(v);
		}
		return out;
	};
	const now = store.now();
	const ago = (maxDays: number) => now - Math.floor(rnd() * maxDays * DAY);
	const userIds = Object.values(SEED_IDS.users);
	const industries = [OPT.technology, OPT.retail, OPT.finance, OPT.healthcare];
	const A = SEED_IDS.activityTypes;
	const track: Array<{ entity: EntityPlural; rec: AnyRecord }> = [];

	const companies = COMPANIES.map(([name, domain, city, state]) => {
		const c = createRecord(store, 'companies', {
			name,
			email_domain: domain,
			address: { street: `${100 + Math.floor(rnd() * 900)} Main Street`, city, state, postal_code: String(10000 + Math.floor(rnd() * 89999)), country: 'US' },
			contact_type_id: pick([SEED_IDS.contactTypes.currentCustomer, SEED_IDS.contactTypes.potentialCustomer]),
			assignee_id: pick(userIds),
			phone_numbers: [{ number: `555-${String(1000 + Math.floor(rnd() * 8999))}`, category: 'work' }],
			websites: [{ url: `https://www.${domain}`, category: 'work' }],
			tags: some(TAGS, 2),
			custom_fields: [
				{ custom_field_definition_id: CF.industry, value: pick(industries) },
				{ custom_field_definition_id: CF.annualRevenue, value: Math.round(rnd() * 50) * 100_000 },
			],
		});
		track.push({ entity: 'companies', rec: c });
		return c;
	});

	const people = [];
	for (let i = 0; people.length < 48; i++) {
		const first = FIRST[i % FIRST.length];
		const last = LAST[(i * 7) % LAST.length];
		const company = companies[i % companies.length];
		const p = createRecord(store, 'people', {
			name: `${first} ${last}`,
			title: pick(TITLES),
			company_id: company.id,
			contact_type_id: company.contact_type_id,
			assignee_id: rnd() < 0.2 ? null : pick(userIds),
			emails: [{ email: `${first}.${last}${i}@${company.email_domain}`.toLowerCase(), category: 'work' }],
			phone_numbers: rnd() < 0.7 ? [{ number: `555-${String(1000 + Math.floor(rnd() * 8999))}`, category: pick(['work', 'mobile']) }] : [],
			address: { street: null, city: company.address?.city ?? null, state: company.address?.state ?? null, postal_code: null, country: 'US' },
			tags: some(TAGS, 3),
			custom_fields: [
				{ custom_field_definition_id: CF.industry, value: pick(industries) },
				{ custom_field_definition_id: CF.vip, value: rnd() < 0.15 },
				{ custom_field_definition_id: CF.interests, value: some([OPT.productA, OPT.productB, OPT.productC], 2) },
			],
		});
		people.push(p);
		track.push({ entity: 'people', rec: p });
	}

	const statuses = store.leadStatuses.map((s) => s.id);
	for (let i = 0; i < 20; i++) {
		const first = FIRST[(i * 3 + 5) % FIRST.length];
		const last = LAST[(i * 11 + 3) % LAST.length];
		const l = createRecord(store, 'leads', {
			name: `${first} ${last}`,
			company_name: `${last} & Co`,
			title: pick(TITLES),
			status_id: pick(statuses),
			customer_source_id: pick(store.customerSources).id,
			assignee_id: pick(userIds),
			email: { email: `${first}.${last}.lead${i}@example.test`.toLowerCase(), category: 'work' },
			monetary_value: Math.round(rnd() * 200) * 100,
			tags: some(TAGS, 2),
			custom_fields: [{ custom_field_definition_id: CF.externalRef, value: `LEAD-${2000 + i}` }],
		});
		track.push({ entity: 'leads', rec: l });
	}

	const stages = store.pipelineStages();
	const opps = [];
	for (let i = 0; i < 26; i++) {
		const stage = stages[i % stages.length];
		const contact = people[(i * 5) % people.length];
		const status = i % 9 === 7 ? 'Lost' : i % 9 === 8 ? 'Won' : 'Open';
		const close = new Date((now + Math.floor((rnd() - 0.3) * 120) * DAY) * 1000);
		const o = createRecord(store, 'opportunities', {
			name: `${pick(DEAL_NAMES)} - ${store.companies.get(contact.company_id ?? 0)?.name ?? 'Direct'}`,
			company_id: contact.company_id,
			primary_contact_id: contact.id,
			pipeline_id: stage.pipeline_id,
			pipeline_stage_id: stage.id,
			status,
			loss_reason_id: status === 'Lost' ? pick(store.lossReasons).id : null,
			customer_source_id: pick(store.customerSources).id,
			priority: pick(['None', 'Low', 'Medium', 'High']),
			monetary_value: Math.round(rnd() * 100) * 1000,
			close_date: `${close.getUTCMonth() + 1}/${close.getUTCDate()}/${close.getUTCFullYear()}`,
			assignee_id: pick(userIds),
			tags: some(TAGS, 2),
			custom_fields: [{ custom_field_definition_id: CF.industry, value: pick(industries) }],
		});
		opps.push(o);
		track.push({ entity: 'opportunities', rec: o });
	}

	const projects = [];
	for (let i = 0; i < 6; i++) {
		const company = companies[(i * 2) % companies.length];
		const pr = createRecord(store, 'projects', {
			name: `${company.name} ${pick(['Rollout', 'Onboarding', 'Integration', 'Migration'])}`,
			related_resource: { id: company.id, type: 'company' },
			status: i % 4 === 3 ? 'Completed' : 'Open',
			assignee_id: pick(userIds),
			tags: some(TAGS, 1),
		});
		projects.push(pr);
		track.push({ entity: 'projects', rec: pr });
	}

	for (let i = 0; i < 30; i++) {
		const target =
			i % 3 === 0
				? { id: pick(opps).id, type: 'opportunity' }
				: i % 3 === 1
					? { id: pick(people).id, type: 'person' }
					: { id: pick(projects).id, type: 'project' };
		const t = createRecord(store, 'tasks', {
			name: pick(TASK_NAMES),
			related_resource: target,
			assignee_id: pick(userIds),
			due_date: now + Math.floor((rnd() - 0.4) * 30) * DAY,
			priority: rnd() < 0.3 ? 'High' : 'None',
			status: rnd() < 0.25 ? 'Completed' : 'Open',
			tags: some(TAGS, 1),
		});
		track.push({ entity: 'tasks', rec: t });
	}

	for (const { rec } of track) {
		const created = ago(180);
		backdate(rec, created, created + Math.floor(rnd() * 30 * DAY));
		if (rec.date_modified > now) rec.date_modified = now;
	}

	const parents: Array<{ id: number; type: string }> = [
		...people.map((p) => ({ id: p.id, type: 'person' })),
		...companies.map((c) => ({ id: c.id, type: 'company' })),
		...opps.map((o) => ({ id: o.id, type: 'opportunity' })),
	];
	const userTypes = [A.note, A.phoneCall, A.meeting, A.email, SEED_IDS.customActivityTypes.customMeeting];
	for (let i = 0; i < 100; i++) {
		createActivity(store, {
			parent: pick(parents),
			type: { id: pick(userTypes), category: 'user' },
			details: pick(NOTES),
			activity_date: ago(90),
			user_id: pick(userIds),
		});
	}
}

export function seedStore(store: CopperStore, kind: 'demo' | 'minimal', ownerEmail: string): void {
	seedLookups(store, ownerEmail);
	if (kind === 'demo') seedDemo(store);
	else seedMinimal(store);
}

/**
 * Field specs that several Copper operations share: nested shapes (emails,
 * phone numbers, address, socials, websites, related resource, custom fields),
 * common search filters and the computed-values query parameter.
 */
import type { CombineSpec, FieldOption, FieldSpec, RecordKind, SliceSpec } from '../../shared/catalog';
import { singularEntities } from './entities';

const categoryOptions = (values: string[]): FieldOption[] =>
	values.map((value) => ({ name: value.charAt(0).toUpperCase() + value.slice(1), value }));

export const emailCategories = categoryOptions(['work', 'personal', 'other']);
export const phoneCategories = categoryOptions(['mobile', 'work', 'home', 'other']);
export const websiteCategories = categoryOptions(['work', 'personal', 'other']);
export const socialCategories = categoryOptions([
	'linkedin',
	'twitter',
	'googleplus',
	'facebook',
	'youtube',
	'quora',
	'foursquare',
	'klout',
	'gravatar',
	'other',
]);

export const emailField: FieldSpec = {
	name: 'email',
	label: 'Email',
	type: 'object',
	description: 'The single email address of a lead',
	fields: [
		{ name: 'email', label: 'Email', type: 'string', format: 'email', placeholder: 'name@email.com' },
		{ name: 'category', label: 'Category', type: 'options', options: emailCategories, default: 'work' },
	],
};

export const emailsField: FieldSpec = {
	name: 'emails',
	label: 'Emails',
	type: 'list',
	description: 'Email addresses; a person’s email must be unique in the account',
	fields: [
		{ name: 'email', label: 'Email', type: 'string', format: 'email', placeholder: 'name@email.com' },
		{ name: 'category', label: 'Category', type: 'options', options: emailCategories, default: 'work' },
	],
};

export const phoneNumbersField: FieldSpec = {
	name: 'phone_numbers',
	label: 'Phone Numbers',
	type: 'list',
	fields: [
		{ name: 'number', label: 'Number', type: 'string' },
		{ name: 'category', label: 'Category', type: 'options', options: phoneCategories, default: 'work' },
	],
};

export const addressField: FieldSpec = {
	name: 'address',
	label: 'Address',
	type: 'object',
	fields: [
		{ name: 'street', label: 'Street', type: 'string' },
		{ name: 'city', label: 'City', type: 'string' },
		{ name: 'state', label: 'State', type: 'string' },
		{ name: 'postal_code', label: 'Postal Code', type: 'string' },
		{ name: 'country', label: 'Country', type: 'string' },
	],
};

export const socialsField: FieldSpec = {
	name: 'socials',
	label: 'Socials',
	type: 'list',
	fields: [
		{ name: 'url', label: 'URL', type: 'string' },
		{ name: 'category', label: 'Category', type: 'options', options: socialCategories, default: 'linkedin' },
	],
};

export const websitesField: FieldSpec = {
	name: 'websites',
	label: 'Websites',
	type: 'list',
	fields: [
		{ name: 'url', label: 'URL', type: 'string' },
		{ name: 'category', label: 'Category', type: 'options', options: websiteCategories, default: 'work' },
	],
};

export const relatedResourceField: FieldSpec = {
	name: 'related_resource',
	label: 'Related Resource',
	type: 'object',
	fields: [
		{ name: 'id', label: 'ID', type: 'id' },
		{ name: 'type', label: 'Type', type: 'options', options: singularEntities, default: 'company' },
	],
};

export const customFieldsField: FieldSpec = {
	name: 'custom_fields',
	label: 'Custom Fields (by Definition ID)',
	type: 'customFields',
	description:
		'Values by custom field definition ID. Dropdown: option ID; MultiSelect: JSON array of option IDs; Date: Unix seconds; Checkbox: true/false.',
};

/** Custom fields picked by name from the definitions of the operation's entity; sent with the ones by ID. */
export const customFieldsByNameField: FieldSpec = {
	name: 'custom_fields_by_name',
	label: 'Custom Fields',
	type: 'customFieldsByName',
	bodyPath: 'custom_fields',
	description:
		'Pick a field by name and give its value in the field’s own type; dropdown and multi-select values may be option names',
};

export const tagsField: FieldSpec = {
	name: 'tags',
	label: 'Tags',
	type: 'stringList',
	description: 'Comma-separated tag names',
};

export const computedValuesQuery: FieldSpec = {
	name: 'custom_field_computed_values',
	label: 'Custom Field Computed Values',
	type: 'boolean',
	default: false,
	description: 'Whether to add `computed_value` (option names instead of IDs) to each custom field',
};

export const sortDirectionField: FieldSpec = {
	name: 'sort_direction',
	label: 'Sort Direction',
	type: 'options',
	options: [
		{ name: 'Ascending', value: 'asc' },
		{ name: 'Descending', value: 'desc' },
	],
	default: 'asc',
};

/**
 * Return All past Copper's 100,000-record search cap: record searches slice by creation date (sorted by
 * it when no sort is chosen), the one key no edit moves.
 */
export const createdSlice: SliceSpec = {
	key: 'date_created',
	minimum: 'minimum_created_date',
	maximum: 'maximum_created_date',
	sort: { param: 'sort_by', value: 'date_created', directionParam: 'sort_direction' },
};

/** Activities come newest first and filter on no creation date: they slice by activity_date, which can be edited. */
export const activitySlice: SliceSpec = {
	key: 'activity_date',
	minimum: 'minimum_activity_date',
	maximum: 'maximum_activity_date',
	order: 'desc',
	editable: true,
};

/** `sort_by` with the given allowed values. */
export const sortByField = (values: string[], defaultValue: string): FieldSpec => ({
	name: 'sort_by',
	label: 'Sort By',
	type: 'options',
	options: values.map((value) => ({ name: value, value })),
	default: defaultValue,
});

/** A Unix-seconds date filter, e.g. `minimum_created_date`. */
export const dateFilter = (name: string, label: string): FieldSpec => ({
	name,
	label,
	type: 'dateTime',
	dateFormat: 'unixSeconds',
});

/** Minimum/maximum pairs of Unix-seconds date filters, e.g. `created` → minimum_created_date, maximum_created_date. */
export const dateRangeFilters = (what: string, label: string): FieldSpec[] => [
	dateFilter(`minimum_${what}_date`, `Minimum ${label} Date`),
	dateFilter(`maximum_${what}_date`, `Maximum ${label} Date`),
];

/** Minimum/maximum pairs of numeric filters, e.g. `interaction_count`. */
export const numberRangeFilters = (what: string, label: string): FieldSpec[] => [
	{ name: `minimum_${what}`, label: `Minimum ${label}`, type: 'number' },
	{ name: `maximum_${what}`, label: `Maximum ${label}`, type: 'number' },
];

export const idsFilter: FieldSpec = {
	name: 'ids',
	label: 'IDs',
	type: 'idList',
	description: 'Comma-separated record IDs',
};

export const idListFilter = (
	name: string,
	label: string,
	description?: string,
	loadOptionsMethod?: string,
	loadOptionsDependsOn?: string[],
): FieldSpec => ({
	name,
	label,
	type: 'idList',
	description: description ?? 'Comma-separated IDs; -2 means none',
	...(loadOptionsMethod ? { loadOptionsMethod } : {}),
	...(loadOptionsDependsOn ? { loadOptionsDependsOn } : {}),
});

/** A user (assignee, owner) picked from the account's users. */
export const userIdField = (name: string, label: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
	name,
	label,
	type: 'id',
	loadOptionsMethod: 'getUsers',
	...extra,
});

/** A record ID with a record picker (From List / By ID / By URL). */
export const recordIdField = (name: string, label: string, kind: RecordKind, extra: Partial<FieldSpec> = {}): FieldSpec => ({
	name,
	label,
	type: 'id',
	locator: kind,
	...extra,
});

export const followedFilter: FieldSpec = {
	name: 'followed',
	label: 'Followed',
	type: 'options',
	options: [
		{ name: 'Followed', value: 1 },
		{ name: 'Not Followed', value: 2 },
	],
	default: 1,
};

export const ageFilter: FieldSpec = {
	name: 'age',
	label: 'Age (Seconds)',
	type: 'number',
	description: 'Maximum age of the record in seconds',
};

export const customFieldFilters: FieldSpec = {
	name: 'custom_fields',
	label: 'Custom Field Filters (JSON)',
	type: 'json',
	description:
		'JSON array of custom field filters, e.g. [{"custom_field_definition_id": 1, "value": [2]}]; ranges with minimum_value/maximum_value, plus allow_empty and option (ANY, ALL, NONE)',
};

/** Search filters on custom fields picked by name; sent in `custom_fields` together with the JSON ones. */
export const customFieldFiltersByName: FieldSpec = {
	name: 'custom_field_filters',
	label: 'Custom Field Filters',
	type: 'customFieldFiltersByName',
	bodyPath: 'custom_fields',
	description: 'Filter by custom fields picked by name: a value, a range, any/all/none of some options, or empty',
};

/** Search filter on tags, picked from the account's tags. */
export const tagsFilter: FieldSpec = {
	...tagsField,
	loadOptionsMethod: 'getTags',
	description: 'Records with any of these tags match',
};

export const activityTypesFilter: FieldSpec = {
	name: 'activity_types',
	label: 'Activity Types',
	type: 'list',
	description: 'Only activities of these types',
	fields: [
		{ name: 'id', label: 'Type ID', type: 'id', loadOptionsMethod: 'getActivityTypes' },
		{
			name: 'category',
			label: 'Category',
			type: 'options',
			options: [
				{ name: 'User', value: 'user' },
				{ name: 'System', value: 'system' },
			],
			default: 'user',
		},
	],
};

/** Path parameter for a record ID. */
export const idParam = (name: string, label: string): FieldSpec => ({
	name,
	label,
	type: 'id',
	required: true,
});

/** Path parameter for the ID of a person, company, lead, opportunity, project or task: a record picker. */
export const recordIdParam = (name: string, label: string, kind: RecordKind): FieldSpec => ({
	...idParam(name, label),
	locator: kind,
});

/** Path parameter whose value is picked from a dropdown loaded from the account. */
export const lookupIdParam = (name: string, label: string, loadOptionsMethod: string): FieldSpec => ({
	...idParam(name, label),
	loadOptionsMethod,
});

/** Writable fields shared by the create and update of people. */
export const personFields: FieldSpec[] = [
	{ name: 'prefix', label: 'Prefix', type: 'string' },
	{ name: 'first_name', label: 'First Name', type: 'string' },
	{ name: 'middle_name', label: 'Middle Name', type: 'string' },
	{ name: 'last_name', label: 'Last Name', type: 'string' },
	{ name: 'suffix', label: 'Suffix', type: 'string' },
	emailsField,
	phoneNumbersField,
	addressField,
	userIdField('assignee_id', 'Assignee ID'),
	{ name: 'company_name', label: 'Company Name', type: 'string' },
	{ name: 'contact_type_id', label: 'Contact Type ID', type: 'id', loadOptionsMethod: 'getContactTypes' },
	{ name: 'details', label: 'Details', type: 'string', multiline: true },
	socialsField,
	tagsField,
	{ name: 'title', label: 'Title', type: 'string' },
	websitesField,
	customFieldsField,
	customFieldsByNameField,
];

/** `socials` search filter (Copper OpenAPI only; the element shape is unconfirmed, sent as strings). */
export const socialsFilter: FieldSpec = {
	name: 'socials',
	label: 'Socials',
	type: 'stringList',
	description: 'Comma-separated social profile URLs or handles (from Copper’s OpenAPI; shape unconfirmed)',
};

/** `fields` search parameter (Copper OpenAPI only): the record fields to return. */
export const returnFieldsFilter: FieldSpec = {
	name: 'fields',
	label: 'Fields',
	type: 'stringList',
	description: 'Comma-separated field names to return (from Copper’s OpenAPI; semantics unconfirmed)',
};

/**
 * Fetch by ID over several input items, answered by the entity's search by `ids` (200 per request,
 * Copper's largest page). Searches return the same record objects as the fetch (and take the same
 * `custom_field_computed_values` query); an ID the search does not return is fetched on its own.
 */
export const combinedById = (plural: string, keyField: string, extra: Partial<CombineSpec> = {}): CombineSpec => ({
	searchPath: `/${plural}/search`,
	keyField,
	filterKey: 'ids',
	recordKey: 'id',
	maxPerRequest: 200,
	...extra,
});

/**
 * Types of the Copper sandbox: the public contract (options, recorded requests, faults, the sandbox
 * handle) and the shapes of the data held by `CopperStore`. Record shapes follow
 * /work/shared/docs/copper-api.md §3 and §4.
 */
import type { OAuthAuthority } from '../oauth';

import type { CopperStorage } from './storage';
import type { CopperStore } from './store';

// ---------------------------------------------------------------------------------------------
// Public contract
// ---------------------------------------------------------------------------------------------

import type { Fault, RateLimitConfig, RecordedRequest as SandboxRequest, SandboxHandle, SandboxOptions } from '../contract';

export type { Fault, RateLimitConfig };
/** Copper's request log entry (its query values are single strings). */
export type RecordedRequest = SandboxRequest<Record<string, string>>;

/** Defaults: API key 'test-api-key', OAuth token 'test-oauth-token'. */
export interface CopperSandboxOptions extends SandboxOptions {
	/** Default 'owner@sandbox.test'. */
	email?: string;
	/** Extra limit for bulk endpoints; default false. */
	bulkRateLimit?: RateLimitConfig | false;
	/** Searches return at most this many records (default 100,000, Copper's cap); lower it for fast tests. */
	searchCap?: number;
}

/** The shared handle (url: http://127.0.0.1:PORT/developer_api/v1), with Copper's own extras. */
export type CopperSandbox = SandboxHandle<CopperStore, RecordedRequest> & {
	/** Calls `hook` with each request as it arrives, before it is answered (e.g. to change data mid-read); none to stop. */
	onRequest(hook?: (request: RecordedRequest) => void): void;
	/** The file storage F-3 points to (another origin). */
	storage: CopperStorage;
	/** The OAuth2 tokens the sandbox accepts and its token endpoint (../oauth.ts). */
	oauth: OAuthAuthority;
};

// ---------------------------------------------------------------------------------------------
// Entities
// ---------------------------------------------------------------------------------------------

export type EntityPlural = 'leads' | 'people' | 'companies' | 'opportunities' | 'projects' | 'tasks';
export type EntitySingular = 'lead' | 'person' | 'company' | 'opportunity' | 'project' | 'task';

export interface CustomFieldValue {
	custom_field_definition_id: number;
	value: unknown;
	computed_value?: unknown;
}

export interface Address {
	street: string | null;
	city: string | null;
	state: string | null;
	postal_code: string | null;
	country: string | null;
}

export interface EmailEntry {
	email: string;
	category: string;
}

export interface PhoneEntry {
	number: string;
	category: string;
}

export interface UrlEntry {
	url: string;
	category: string;
}

export interface ResourceRef {
	id: number;
	type: EntitySingular;
}

export interface BaseRecord {
	[key: string]: unknown;
	id: number;
	name: string;
	assignee_id: number | null;
	details: string | null;
	tags: string[];
	/** Stored values only (non-null); responses list every definition available on the entity. */
	custom_fields: CustomFieldValue[];
	/** Unix seconds. */
	date_created: number;
	/** Unix seconds. */
	date_modified: number;
}

interface PersonLike extends BaseRecord {
	prefix: string | null;
	first_name: string | null;
	middle_name: string | null;
	last_name: string | null;
	suffix: string | null;
	address: Address | null;
	title: string | null;
	phone_numbers: PhoneEntry[];
	socials: UrlEntry[];
	websites: UrlEntry[];
	interaction_count: number;
	date_last_contacted: number | null;
}

export interface Lead extends PersonLike {
	company_name: string | null;
	customer_source_id: number | null;
	email: EmailEntry | null;
	monetary_unit: string | null;
	monetary_value: number | null;
	status: string;
	status_id: number;
	/** Set when the lead is converted; converted leads are hidden from search unless include_converted_leads. */
	converted_unix_timestamp: number | null;
}

export interface LeadConversion {
	lead_id: number;
	converted_timestamp: number;
}

export interface Person extends PersonLike {
	company_id: number | null;
	company_name: string | null;
	contact_type_id: number | null;
	emails: EmailEntry[];
	leads_converted_from: LeadConversion[];
	date_lead_created: number | null;
}

export interface Company extends BaseRecord {
	address: Address | null;
	contact_type_id: number | null;
	email_domain: string | null;
	phone_numbers: PhoneEntry[];
	socials: UrlEntry[];
	websites: UrlEntry[];
	primary_contact_id: number | null;
	interaction_count: number;
	date_last_contacted: number | null;
}

export interface Opportunity extends BaseRecord {
	/** "M/D/YYYY" string. */
	close_date: string | null;
	company_id: number | null;
	company_name: string | null;
	customer_source_id: number | null;
	loss_reason_id: number | null;
	pipeline_id: number;
	pipeline_stage_id: number;
	primary_contact_id: number | null;
	priority: string;
	status: string;
	interaction_count: number;
	monetary_unit: string | null;
	monetary_value: number | null;
	win_probability: number | null;
	date_last_contacted: number | null;
	leads_converted_from: LeadConversion[];
	date_lead_created: number | null;
	date_stage_changed: number | null;
}

export interface Project extends BaseRecord {
	related_resource: ResourceRef | null;
	status: string;
}

export interface Task extends BaseRecord {
	related_resource: ResourceRef | null;
	due_date: number | null;
	reminder_date: number | null;
	completed_date: number | null;
	priority: string;
	status: string;
	custom_activity_type_id: number | null;
}

export interface RecordMap {
	leads: Lead;
	people: Person;
	companies: Company;
	opportunities: Opportunity;
	projects: Project;
	tasks: Task;
}

export type AnyRecord = RecordMap[EntityPlural];

// ---------------------------------------------------------------------------------------------
// Activities, lookups and other resources
// ---------------------------------------------------------------------------------------------

export interface Activity {
	id: number;
	parent: ResourceRef;
	type: { id: number; category: 'user' | 'system' };
	user_id: number | null;
	details: string | null;
	activity_date: number;
	old_value: unknown;
	new_value: unknown;
	date_created: number;
	date_modified: number;
}

export interface Account {
	id: number;
	name: string;
	primary_timezone: string;
	settings: { setting_team_permissions_enabled: boolean; setting_enable_leads: boolean };
}

export interface User {
	id: number;
	name: string;
	email: string;
	groups: Array<{ id: number; name: string }>;
}

export interface PipelineStageRef {
	id: number;
	name: string;
	win_probability: number;
}

export interface Pipeline {
	id: number;
	name: string;
	stages: PipelineStageRef[];
}

export interface PipelineStage extends PipelineStageRef {
	pipeline_id: number;
}

export interface NamedLookup {
	id: number;
	name: string;
}

export interface LeadStatus {
	id: number;
	name: string;
	order: number;
	is_default: boolean;
}

export interface ActivityType {
	id: number;
	category: 'user' | 'system';
	name: string;
	is_disabled: boolean;
	count_as_interaction: boolean;
}

export type CustomFieldDataType =
	| 'String'
	| 'Text'
	| 'Dropdown'
	| 'Date'
	| 'Checkbox'
	| 'Float'
	| 'URL'
	| 'Percentage'
	| 'Currency'
	| 'Connect'
	| 'MultiSelect';

export interface CustomFieldOption {
	id: number;
	name: string;
	rank: number;
}

export interface CustomFieldDefinition {
	id: number;
	name: string;
	canonical_name: string | null;
	data_type: CustomFieldDataType;
	available_on: EntitySingular[];
	is_filterable: boolean;
	/** Dropdown and MultiSelect only. */
	options?: CustomFieldOption[];
	/** Currency only. */
	currency?: string;
}

export interface CustomActivityType {
	id: number;
	company_id: number;
	icon_type: string;
	is_disabled: boolean;
	is_interaction: boolean;
	name: string;
	is_default_task_type: boolean | null;
}

export interface LinkEnd {
	id: number;
	entity_type: string;
	name: string;
}

export interface RelatedLink {
	id: number;
	custom_field_definition_id: number;
	source: LinkEnd;
	target: LinkEnd;
}

/** An explicit relationship created through Related Items (unordered pair). */
export interface Relation {
	id: number;
	a: ResourceRef;
	b: ResourceRef;
}

export interface Webhook {
	id: number;
	target: string;
	type: string;
	event: string;
	secret: Record<string, unknown> | null;
	headers: Record<string, unknown> | null;
	custom_field_computed_values: boolean;
	created_at: number;
}

export type FileEntity = 'leads' | 'people' | 'opportunities' | 'companies' | 'projects';

export interface FileMeta {
	id: number;
	is_deleted: boolean;
	file_name: string;
	file_size: number;
	content_type: string;
	creator_id: number;
	date_created: number;
	date_modified: number;
}

export interface StoredFile extends FileMeta {
	entity_type: FileEntity;
	entity_id: number;
	key: string;
}

/** An object "uploaded to S3" (the sandbox's file storage, storage.ts) or a key handed out by s3_signed_url. */
export interface UploadedObject {
	key: string;
	uploaded: boolean;
	file_name: string | null;
	file_size: number;
	content_type: string;
}

export interface FieldLayoutRow {
	field_id: number;
	field_label: string;
	field_key: string;
	field_type: 'static_field' | 'custom_field' | 'embedded_app_field';
	enabled: boolean;
	required: boolean;
	required_editable: boolean;
}

export interface TagRow {
	name: string;
	count: number;
	count_people: number;
	count_leads: number;
	count_companies: number;
	count_opportunities: number;
	count_projects: number;
	count_tasks: number;
}

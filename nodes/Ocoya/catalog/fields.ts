/** Field specs shared by several Ocoya operations. */
import type { FieldOption, FieldSpec } from '../../shared/catalog';
import { DYNAMIC_DESCRIPTION } from '../../shared/description/basics';

const options = (values: string[]): FieldOption[] =>
	values.map((value) => ({ name: value.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()), value }));

export const postStatuses: FieldOption[] = [
	{ name: 'Draft', value: 'DRAFT' },
	{ name: 'Error', value: 'ERROR' },
	{ name: 'Needs Attention', value: 'NEEDS_ATTENTION' },
	{ name: 'Pending Client Approval', value: 'PENDING_CLIENT_APPROVAL' },
	{ name: 'Pending Internal Approval', value: 'PENDING_INTERNAL_APPROVAL' },
	{ name: 'Posted', value: 'POSTED' },
	{ name: 'Scheduled', value: 'SCHEDULED' },
];

export const tones = options(['bold', 'educational', 'founder_led', 'friendly', 'professional']);
export const lengths = options(['extra_long', 'long', 'medium', 'short']);
export const goals = options(['awareness', 'education', 'event', 'launch', 'leads', 'offer']);
export const audiences = options([
	'business_owners',
	'buyers_customers',
	'existing_customers',
	'first_time_buyers',
	'founders_executives',
	'investors',
	'local_community',
	'marketing_teams',
]);

/** `?workspaceId=`: required on almost every endpoint, picked from GET /workspaces. */
export const workspaceIdQuery: FieldSpec = {
	name: 'workspaceId',
	label: 'Workspace Name or ID',
	type: 'options',
	required: true,
	loadOptionsMethod: 'getWorkspaces',
	description: DYNAMIC_DESCRIPTION,
};

export const postIdParam: FieldSpec = {
	name: 'post_id',
	label: 'Post ID',
	type: 'stringId',
	required: true,
	description: 'The post group ID (as returned by "Create a scheduled or a draft post" in postGroupId)',
};

export const socialProfileIdsField: FieldSpec = {
	name: 'socialProfileIds',
	label: 'Social Profile Names or IDs',
	type: 'multiOptions',
	loadOptionsMethod: 'getSocialProfiles',
	loadOptionsDependsOn: ['workspaceId'],
	description: 'Profiles of the workspace to post to. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const brandIdField: FieldSpec = {
	name: 'brandId',
	label: 'Brand Kit Name or ID',
	type: 'options',
	loadOptionsMethod: 'getBrandKits',
	loadOptionsDependsOn: ['workspaceId'],
	description: DYNAMIC_DESCRIPTION,
};

export const hashtagLibraryIdField: FieldSpec = {
	name: 'hashtagLibraryId',
	label: 'Hashtag Library Name or ID',
	type: 'options',
	loadOptionsMethod: 'getHashtagLibraries',
	loadOptionsDependsOn: ['workspaceId'],
	description: DYNAMIC_DESCRIPTION,
};

export const scheduledAtField: FieldSpec = {
	name: 'scheduledAt',
	label: 'Scheduled At',
	type: 'dateTime',
	dateFormat: 'isoUtc',
	description: 'When to publish; sent as UTC (YYYY-MM-DDTHH:mm:ssZ). Leave empty to save as a draft.',
};

export const referenceUrlsField: FieldSpec = {
	name: 'referenceUrls',
	label: 'Reference URLs',
	type: 'urlList',
	description: 'Comma-separated image URLs used as visual references (not attached to the post)',
};

export const referenceDesignIdsField: FieldSpec = {
	name: 'referenceDesignIds',
	label: 'Reference Design IDs',
	type: 'stringList',
	description: 'Comma-separated Studio design IDs from "List Studio templates"',
};

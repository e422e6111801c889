/**
 * Hints for n8n's AI workflow builder on the parameters it most often gets wrong: record IDs (take them
 * from a search or a picker, never invent them), Body Source, and Return All. Node-level hints
 * (searchHint, relatedNodes) sit on each node class.
 */
import type { INodeProperties } from 'n8n-workflow';

type Hinted = Pick<INodeProperties, 'builderHint'>;

export const RECORD_ID_HINT: Hinted = {
	builderHint: {
		propertyHint:
			'A numeric ID of an existing record. Take it from an earlier node (a search, a list or a trigger) or from the From List mode; never invent one. By ID mode accepts digits only.',
		placeholderSupported: false,
	},
};

export const BODY_SOURCE_HINT: Hinted = {
	builderHint: {
		propertyHint:
			'Use Fields (the default) and fill in the documented fields. Use Input Item only when the incoming item is already the exact API body, and JSON only for fields the node does not list.',
	},
};

export const RETURN_ALL_HINT: Hinted = {
	builderHint: {
		propertyHint:
			'Leave off and set Limit for a sample or a first page; turn on only when the workflow really needs every matching record (it pages through all of them and may take many requests).',
	},
};

export const ACCOUNT_ID_HINT: Hinted = {
	builderHint: {
		propertyHint:
			'An ID that exists in the account (a workspace, pipeline stage, user, type...): pick it from the list or map it from an earlier node that listed it; never invent one.',
	},
};

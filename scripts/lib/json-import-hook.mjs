/**
 * A Node module hook: `@actions/workflow-parser` imports its JSON schema without
 * `with { type: 'json' }` (it expects a bundler); Node 20+ refuses that. This hook adds the
 * attribute to .json imports so the parser loads in plain Node.
 */
export async function load(url, context, nextLoad) {
	if (url.endsWith('.json') && !context.importAttributes?.type) {
		return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
	}
	return nextLoad(url, context);
}

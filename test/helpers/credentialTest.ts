/**
 * Performs a credential's `test` request the way n8n's credential tester does:
 * the request's expressions resolved against the credential data, the
 * credential's `authenticate` block applied, the request sent over HTTP.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { buildAdditionalData, loadPackage, singleNodeWorkflow } from '../../tooling/harness/engine';

export async function runCredentialTest(
	type: string,
	data: ICredentialDataDecryptedObject,
	extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
	const loader = await loadPackage();
	const credentialType = loader.getCredential(type).type;
	const request = credentialType.test?.request;
	if (!request) throw new Error(`${type} has no test request`);
	const nodeType = type.startsWith('ocoya') ? 'ocoya' : 'copperCrm';
	const { workflow, node } = await singleNodeWorkflow(nodeType, {}, { [type]: data });
	const resolve = (value: unknown) =>
		typeof value === 'string' && value.startsWith('=')
			? workflow.expression.getParameterValue(value, null, 0, 0, node.name, [], 'internal', { $credentials: data })
			: value;
	const additional = buildAdditionalData(loader, { [type]: data });
	let options: IHttpRequestOptions = {
		url: String(resolve(request.url)),
		baseURL: String(resolve(request.baseURL)),
		method: request.method ?? 'GET',
		headers: { ...((request.headers as Record<string, string>) ?? {}), ...extraHeaders },
	};
	options = await additional.credentialsHelper.authenticate(data, type, options, workflow, node);
	const response = await fetch(`${options.baseURL}${options.url}`, {
		method: options.method,
		headers: options.headers as Record<string, string>,
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

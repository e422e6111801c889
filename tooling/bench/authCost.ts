/**
 * What the credential's generic `authenticate` block costs per request: n8n resolves its expressions
 * (the key and email cleaned of stray whitespace) on every request, where a function would be called
 * directly. Both are timed through the same credentials helper the engine uses, side by side.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { buildAdditionalData, loadPackage, singleNodeWorkflow } from '../harness/engine';
import { COPPER_EMAIL, COPPER_KEY, median, timed } from './common';

type Record = (figure: { id: string; label: string; value: number | string; note?: string }) => void;

/** The headers a function form would set: the same cleaning in plain code, for comparison. */
function asFunction(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions): IHttpRequestOptions {
	return {
		...options,
		headers: {
			...options.headers,
			'X-PW-AccessToken': String(credentials.apiKey ?? '').replace(/\s+/g, ''),
			'X-PW-Application': 'developer_api',
			'X-PW-UserEmail': String(credentials.email ?? '').trim(),
			'Content-Type': 'application/json',
		},
	};
}

export async function authCostFigures(record: Record, reps: number, calls = 2000): Promise<void> {
	const data: ICredentialDataDecryptedObject = { apiKey: ` ${COPPER_KEY}\n`, email: COPPER_EMAIL, baseUrl: 'http://127.0.0.1:1' };
	const credentials = { copperCrmApi: data };
	const loader = await loadPackage();
	const { workflow, node } = await singleNodeWorkflow('copperCrm', {}, credentials);
	const helper = buildAdditionalData(loader, credentials).credentialsHelper;
	const generic: number[] = [];
	const direct: number[] = [];
	for (let rep = 0; rep < reps; rep++) {
		generic.push(
			(await timed(async () => {
				for (let i = 0; i < calls; i++) await helper.authenticate(data, 'copperCrmApi', { url: '/account', headers: {} }, workflow, node);
			})).ms,
		);
		direct.push(
			(await timed(async () => {
				for (let i = 0; i < calls; i++) asFunction(data, { url: '/account', headers: {} });
			})).ms,
		);
	}
	const check = await helper.authenticate(data, 'copperCrmApi', { url: '/account', headers: {} }, workflow, node);
	if ((check.headers as { 'X-PW-AccessToken'?: string })['X-PW-AccessToken'] !== COPPER_KEY) throw new Error('generic block did not clean the key');
	const perCall = (values: number[]) => Number(((median(values) / calls) * 1000).toFixed(1));
	record({ id: 'auth.genericUs', label: 'credential generic block, resolved per request, median µs', value: perCall(generic), note: generic.map((v) => v.toFixed(0)).join(' / ') });
	record({ id: 'auth.functionUs', label: 'the same headers set by a function, median µs', value: perCall(direct) });
}

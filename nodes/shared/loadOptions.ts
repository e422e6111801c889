/** Dropdown options loaded from the account, through the same transport (auth, retries, errors). */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { ServiceSpec } from './service';
import { createTransport, send } from './transport';

export interface OptionSource {
	path: string;
	qs?: IDataObject;
	/** Label of one record; defaults to `name`. */
	name?: (record: IDataObject) => string;
	value?: (record: IDataObject) => string | number;
	description?: (record: IDataObject) => string | undefined;
}

export async function loadOptionsFrom(
	fn: ILoadOptionsFunctions,
	service: ServiceSpec,
	source: OptionSource,
): Promise<INodePropertyOptions[]> {
	const authentication = fn.getNodeParameter('authentication', 'apiKey') as string;
	const transport = await createTransport(fn, service, authentication);
	const response = await send(transport, { method: 'GET', path: source.path, qs: source.qs }, 'read');
	const records = Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
	return records
		.map((record) => ({
			name: source.name ? source.name(record) : String(record.name ?? record.id),
			value: source.value ? source.value(record) : (record.id as string),
			description: source.description?.(record),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

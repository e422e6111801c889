/**
 * What one execution of a catalog node hands to every request it builds: the n8n context, the
 * service, the selected operation and the custom field definitions loaded for this execution
 * (explicitly, never through hidden state). `valueContext` turns it into what a field conversion needs.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { customFieldEntityOf, type OperationSpec } from '../catalog';
import type { CustomFieldInfo, ServiceSpec } from '../service';
import type { ValueContext } from '../values/context';

/** The custom field definitions that apply to an entity (loaded once per execution). */
export type CustomFieldLookup = (entity: string) => CustomFieldInfo[];

export interface RunContext {
	fn: IExecuteFunctions;
	service: ServiceSpec;
	/** The selected catalog operation; undefined for the Custom API Call. */
	op?: OperationSpec;
	/** Present when the operation's items need custom fields by name. */
	customFields?: CustomFieldLookup;
	/**
	 * Parameter values read for request building, by item and name: a value (often an expression)
	 * is evaluated once per item even when several builders read it (e.g. a path ID that is also a key).
	 */
	parameters: Map<string, unknown>;
}

/** The item an error becomes under Continue On Fail (the error is thrown otherwise). */
export type FailItem = (itemIndex: number, error: Error) => INodeExecutionData;

export function valueContext(run: RunContext, itemIndex: number): ValueContext {
	const { fn, op } = run;
	const ctx: ValueContext = {
		node: fn.getNode(),
		itemIndex,
		timezone: fn.getTimezone(),
		customFieldShape: run.service.customFields?.shape,
	};
	const entity = run.customFields ? customFieldEntityOf(op, (name) => fn.getNodeParameter(name, itemIndex, '')) : undefined;
	if (entity) ctx.customFields = run.customFields!(entity);
	return ctx;
}

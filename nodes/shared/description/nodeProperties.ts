/**
 * All properties of a catalog node: Authentication, the Resource dropdown, one Operation dropdown
 * per resource (the vendor's titles, sorted, then the Custom API Call: every list ends with it, so n8n
 * appends none), the Custom API Call's fields, every operation's fields, and Request Options.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { authenticationProperty } from '../authentication';
import { customCallOption, customCallProperties, CUSTOM_CALL_NAME, CUSTOM_CALL_RESOURCE } from '../customCall';
import type { ResourceSpec, OperationSpec } from '../catalog';
import type { ServiceSpec } from '../service';
import type { SmartFieldOptions } from './fieldProperty';
import { classAction, classSentence } from './operationClass';
import { operationProperties } from './operationProperties';
import { requestOptionsProperty } from './requestOptions';
import { toolOutputProperties } from './toolOutputProperties';

function resourceProperty(resources: ResourceSpec[]): INodeProperties {
	const options: INodePropertyOptions[] = resources.map((resource) => ({
		name: resource.name,
		value: resource.value,
		...(resource.description ? { description: resource.description } : {}),
	}));
	options.push({ name: CUSTOM_CALL_NAME, value: CUSTOM_CALL_RESOURCE, description: 'Any method and path' });
	const first = resources[0].value;
	return { displayName: 'Resource', name: 'resource', type: 'options', noDataExpression: true, options, default: first };
}

function operationProperty(resource: ResourceSpec, operations: OperationSpec[]): INodeProperties {
	const ops = operations.filter((op) => op.resource === resource.value).sort((a, b) => a.title.localeCompare(b.title));
	const first = ops[0].value;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options: [
			...ops.map((op) => ({
				name: op.title,
				value: op.value,
				action: classAction(op),
				description: [`${op.method} ${op.path}`, classSentence(op), op.description].filter(Boolean).join(' — '),
			})),
			customCallOption(resource.name),
		],
		default: first,
	};
}

export function buildProperties(service: ServiceSpec, smart?: SmartFieldOptions): INodeProperties[] {
	const resources = [...service.resources].sort((a, b) => a.name.localeCompare(b.name));
	const withShape: SmartFieldOptions = { ...smart, customFieldShape: service.customFields?.shape };
	return [
		authenticationProperty,
		resourceProperty(resources),
		...resources.map((resource) => operationProperty(resource, service.operations)),
		...customCallProperties(resources, service.operations),
		...service.operations.flatMap((op) => operationProperties(op, withShape)),
		...toolOutputProperties(service),
		requestOptionsProperty(service),
	];
}

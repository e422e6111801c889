/**
 * Canvas subtitles that read like the editor's own labels ("List People (Search)") instead of raw
 * parameter values ("people: search"): small n8n expressions that look the values up in maps built
 * from the same data as the dropdowns, falling back to the raw value for anything unknown.
 */
import { CUSTOM_CALL_NAME, CUSTOM_CALL_OPERATION, CUSTOM_CALL_RESOURCE } from '../customCall';
import type { ServiceSpec } from '../service';

type Labels = Record<string, string>;
type Option = { name: string; value: unknown };

const labelsOf = (options: Option[]): Labels => Object.fromEntries(options.map((option) => [String(option.value), option.name]));

const param = (name: string) => `$parameter[${JSON.stringify(name)}]`;

/** An expression fragment: the label of a parameter's value, or the value itself. */
export function labelOf(name: string, labels: Labels): string {
	return `(${JSON.stringify(labels)}[${param(name)}] || ${param(name)} || "")`;
}

/** A subtitle of one options parameter. */
export function optionSubtitle(name: string, options: Option[]): string {
	return `={{ ${labelOf(name, labelsOf(options))} }}`;
}

/** A subtitle of two options parameters, "First: Second" (the second left out when it is not set). */
export function pairSubtitle(first: string, firstOptions: Option[], second: string, secondOptions: Option[]): string {
	const tail = labelOf(second, labelsOf(secondOptions));
	return `={{ ${labelOf(first, labelsOf(firstOptions))} + (${tail} ? ": " + ${tail} : "") }}`;
}

/** A subtitle of a multiOptions parameter: its chosen labels, comma-separated. */
export function multiOptionSubtitle(name: string, options: Option[]): string {
	const labels = JSON.stringify(labelsOf(options));
	return `={{ (${param(name)} || []).map(function (value) { return ${labels}[value] || value; }).join(", ") }}`;
}

/** The subtitle of a catalog node: the chosen operation's title (the Custom API Call names its resource). */
export function operationSubtitle(service: ServiceSpec): string {
	const labels: Labels = { [`${CUSTOM_CALL_RESOURCE}:${CUSTOM_CALL_OPERATION}`]: CUSTOM_CALL_NAME };
	for (const resource of service.resources) labels[`${resource.value}:${CUSTOM_CALL_OPERATION}`] = `${CUSTOM_CALL_NAME} (${resource.name})`;
	for (const op of service.operations) labels[`${op.resource}:${op.value}`] = op.title;
	const key = `${param('resource')} + ":" + ${param('operation')}`;
	return `={{ (${JSON.stringify(labels)}[${key}] || ${param('resource')} + ": " + ${param('operation')}) }}`;
}

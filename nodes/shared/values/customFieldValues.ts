/**
 * Custom fields in requests: entries by definition ID, entries picked by field name (each value
 * typed by its definition: option names to IDs, dates, numbers, booleans) and search filters on
 * custom fields. The definitions come with the value context (loaded once per execution); the keys
 * of entries and filters are the service's (`CustomFieldShape`).
 */
import type { CustomFieldInfo, CustomFieldShape } from '../service';
import { describeValue, fieldError, isEmpty, type ValueContext } from './context';
import { parseJsonSafely } from './safeData';
import { formatDate, toBoolean, toDate, toEntries, toId, toList, toNumber, unwrapCollection, unwrapLocator } from './parse';

const listNames = (names: string[]): string => (names.length ? names.map((name) => `"${name}"`).join(', ') : '(none)');

function shapeOf(ctx: ValueContext, label: string): CustomFieldShape {
	if (!ctx.customFieldShape) throw fieldError(ctx, label, 'this service has no custom fields');
	return ctx.customFieldShape;
}

/** Finds a definition by name (exact, then case-insensitive), key or numeric ID; a clear error otherwise. */
export function resolveCustomField(ctx: ValueContext, label: string, given: unknown): CustomFieldInfo {
	const definitions = ctx.customFields;
	if (!definitions) {
		throw fieldError(ctx, label, 'the custom field definitions of the account could not be loaded');
	}
	const text = String(unwrapLocator(given) ?? '').trim();
	if (text === '') throw fieldError(ctx, label, 'each entry needs a field');
	const lower = text.toLowerCase();
	const found =
		definitions.find((definition) => definition.name === text) ??
		definitions.find((definition) => definition.name.toLowerCase() === lower) ??
		definitions.find((definition) => definition.key !== undefined && definition.key.toLowerCase() === lower) ??
		(/^\d+$/.test(text) ? definitions.find((definition) => definition.id === Number(text)) : undefined);
	if (!found) {
		const valid = definitions.filter((definition) => definition.kind !== 'unsupported').map((definition) => definition.name);
		throw fieldError(ctx, label, `no custom field named "${text}" here; valid fields: ${listNames(valid)}`);
	}
	return found;
}

/** Resolves option names (case-insensitive) or option IDs of a dropdown/multi-select field to option IDs. */
function optionIds(ctx: ValueContext, label: string, definition: CustomFieldInfo, raw: unknown): number[] {
	return toList(raw).map((entry) => {
		const text = String(entry).trim();
		const lower = text.toLowerCase();
		const option =
			definition.options.find((candidate) => candidate.name === text) ??
			definition.options.find((candidate) => candidate.name.toLowerCase() === lower) ??
			(/^\d+$/.test(text) ? definition.options.find((candidate) => candidate.id === Number(text)) : undefined);
		if (!option) {
			const valid = listNames(definition.options.map((candidate) => candidate.name));
			throw fieldError(ctx, label, `"${text}" is not an option of "${definition.name}"; valid options: ${valid}`);
		}
		return option.id;
	});
}

/** A value in the field's own type; an empty value clears the field (null). */
export function customFieldValueOf(ctx: ValueContext, label: string, definition: CustomFieldInfo, raw: unknown): unknown {
	if (isEmpty(raw)) return null;
	switch (definition.kind) {
		case 'text':
			return typeof raw === 'string' ? raw : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
		case 'number':
			return toNumber(ctx, label, raw);
		case 'boolean':
			return toBoolean(ctx, label, raw);
		case 'date':
			return formatDate(toDate(ctx, label, raw), definition.dateFormat);
		case 'option': {
			const ids = optionIds(ctx, label, definition, raw);
			if (ids.length !== 1) throw fieldError(ctx, label, `"${definition.name}" takes exactly one option, got ${ids.length}`);
			return ids[0];
		}
		case 'options':
			return optionIds(ctx, label, definition, raw);
		default: {
			const reason = definition.unsupportedReason ? `: ${definition.unsupportedReason}` : '';
			throw fieldError(ctx, label, `"${definition.name}" (${definition.dataType}) cannot be set here${reason}`);
		}
	}
}

/** A value typed by its text, for entries by ID: numbers, booleans, null, arrays of option IDs, or text. */
function looselyTyped(raw: unknown): unknown {
	if (typeof raw !== 'string') return raw;
	const text = raw.trim();
	if (text === '') return null;
	if (/^(-?\d+(\.\d+)?|true|false|null|\[.*\])$/s.test(text)) {
		try {
			return parseJsonSafely(text);
		} catch {
			return raw;
		}
	}
	return raw;
}

/** Custom fields by definition ID: `{<id key>: id, <value key>: value}` entries. */
export function customFieldsById(ctx: ValueContext, label: string, raw: unknown): unknown {
	const shape = shapeOf(ctx, label);
	return toEntries(unwrapCollection(ctx, label, raw, 'field')).map((entry) => {
		const record = entry as Record<string, unknown>;
		if (record[shape.idKey] === undefined) throw fieldError(ctx, label, `each entry needs ${shape.idKey}`);
		return {
			[shape.idKey]: toId(ctx, `${label} › Field Definition ID`, record[shape.idKey]),
			[shape.valueKey]: looselyTyped(record.value),
		};
	});
}

/** Custom fields picked by name, each value in its field's type. */
export function customFieldsByName(ctx: ValueContext, label: string, raw: unknown): unknown {
	const shape = shapeOf(ctx, label);
	const result = toEntries(unwrapCollection(ctx, label, raw, 'field')).map((entry) => {
		const record = (entry ?? {}) as Record<string, unknown>;
		const definition = resolveCustomField(ctx, label, record.field);
		return {
			[shape.idKey]: definition.id,
			[shape.valueKey]: customFieldValueOf(ctx, `${label} › ${definition.name}`, definition, record.value),
		};
	});
	return result.length ? result : undefined;
}

/** Search filters on custom fields picked by name. */
export function customFieldFiltersByName(ctx: ValueContext, label: string, raw: unknown): unknown {
	const result = toEntries(unwrapCollection(ctx, label, raw, 'filter')).map((entry) =>
		customFieldFilter(ctx, label, (entry ?? {}) as Record<string, unknown>),
	);
	return result.length ? result : undefined;
}

const CONDITIONS = 'is, range, any, all, none or empty';

/** One search filter on a custom field: its value, a range, options matched any/all/none, or emptiness. */
function customFieldFilter(ctx: ValueContext, label: string, entry: Record<string, unknown>): Record<string, unknown> {
	const shape = shapeOf(ctx, label);
	const definition = resolveCustomField(ctx, label, entry.field);
	const where = `${label} › ${definition.name}`;
	const condition = String(entry.condition ?? 'is');
	const filter: Record<string, unknown> = { [shape.idKey]: definition.id };
	const isChoice = definition.kind === 'option' || definition.kind === 'options';
	const needValue = () => {
		if (isEmpty(unwrapLocator(entry.value))) throw fieldError(ctx, where, `the condition "${condition}" needs a value`);
		return unwrapLocator(entry.value);
	};
	switch (condition) {
		case 'is':
			filter[shape.valueKey] = isChoice
				? optionIds(ctx, where, definition, needValue())
				: customFieldValueOf(ctx, where, definition, needValue());
			break;
		case 'range':
			Object.assign(filter, rangeFilter(ctx, where, definition, entry, shape));
			break;
		case 'any':
		case 'all':
		case 'none':
			if (!isChoice || (condition !== 'any' && definition.kind !== 'options')) {
				const wanted = !isChoice ? 'a dropdown or multi-select field' : 'a multi-select field';
				throw fieldError(ctx, where, `"${condition}" needs ${wanted}; "${definition.name}" is ${definition.dataType}`);
			}
			filter[shape.valueKey] = optionIds(ctx, where, definition, needValue());
			if (definition.kind === 'options') filter[shape.matchKey] = condition.toUpperCase();
			break;
		case 'empty':
			filter[shape.allowEmptyKey] = true;
			return filter;
		default:
			throw fieldError(ctx, where, `unknown condition ${describeValue(condition)}; use ${CONDITIONS}`);
	}
	if (entry.includeEmpty === true || entry.includeEmpty === 'true') filter[shape.allowEmptyKey] = true;
	return filter;
}

function rangeFilter(
	ctx: ValueContext,
	where: string,
	definition: CustomFieldInfo,
	entry: Record<string, unknown>,
	shape: CustomFieldShape,
): Record<string, unknown> {
	if (!['number', 'date'].includes(definition.kind)) {
		throw fieldError(ctx, where, `a range needs a number, currency, percentage or date field; "${definition.name}" is ${definition.dataType}`);
	}
	const bound = (value: unknown) => (isEmpty(value) ? undefined : customFieldValueOf(ctx, where, definition, value));
	const minimum = bound(entry.minimum);
	const maximum = bound(entry.maximum);
	if (minimum === undefined && maximum === undefined) throw fieldError(ctx, where, 'a range needs a minimum or a maximum');
	return {
		...(minimum !== undefined ? { [shape.minimumKey]: minimum } : {}),
		...(maximum !== undefined ? { [shape.maximumKey]: maximum } : {}),
	};
}

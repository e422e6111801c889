/**
 * Turning one Copper delivery into workflow items: authenticity check, one item
 * per record ID, update filters, and (optionally) the full records loaded with as
 * few requests as possible (one search by `ids` per record type, as the node's combined fetch; activities by ID).
 */
import { timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { searchByKeys } from '../../shared/execution/combine';
import { send, type Transport } from '../../shared/transport/transport';
import { isPlainObject, isUnsafeKey, safeCopy } from '../../shared/values/safeData';
import { copperOperations } from '../catalog';
import { COPPER_ENTITIES } from '../catalog/entities';
import { ECHO_FIELD, ECHO_HEADER } from './subscriptions';

export interface Delivery {
	ids: number[];
	type: string;
	event: string;
	subscription_id?: number;
	timestamp?: string;
	updated_attributes?: Record<string, unknown>;
}

function same(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** A delivery is authentic when the echoed body secret or the custom header equals this activation's secret. */
export function isAuthentic(secret: string | undefined, body: IDataObject, headers: IDataObject): boolean {
	if (!secret) return false;
	const fromBody = body[ECHO_FIELD];
	const fromHeader = headers[ECHO_HEADER];
	return (typeof fromBody === 'string' && same(fromBody, secret)) || (typeof fromHeader === 'string' && same(fromHeader, secret));
}

/**
 * The most record IDs one delivery may carry. Copper sends 1 to 30 per delivery (several deliveries
 * when more records change); 100 leaves room for a change on Copper's side while keeping the work of
 * one delivery bounded (one search per record type, at most 100 activity reads). A delivery with more
 * is refused (413) and starts no execution.
 */
export const MAX_DELIVERY_IDS = 100;

/** Activity reads in flight at once while loading a delivery's activities (their search takes no IDs). */
const ACTIVITY_READS_AT_ONCE = 5;

/** Why a delivery body is refused before it is read (too many IDs, nested too deeply), if it is. */
export function refusalOf(body: unknown): string | undefined {
	try {
		safeCopy(body);
	} catch (error) {
		return `Delivery refused: its body is ${(error as Error).message}`;
	}
	const ids = (body as IDataObject | undefined)?.ids;
	if (Array.isArray(ids) && ids.length > MAX_DELIVERY_IDS) {
		return `Delivery refused: it carries ${ids.length} record IDs; at most ${MAX_DELIVERY_IDS} are processed per delivery`;
	}
	return undefined;
}

/** A record ID as Copper sends it: a positive whole number (or its digits). */
const isRecordId = (value: unknown): boolean =>
	(typeof value === 'number' && Number.isSafeInteger(value) && value > 0) || (typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value));

/** The delivery a (checked, see refusalOf) body describes; unsafe keys are dropped (values/safeData.ts). */
export function parseDelivery(raw: IDataObject): Delivery | undefined {
	const body = safeCopy(raw);
	if (!Array.isArray(body.ids) || typeof body.type !== 'string' || typeof body.event !== 'string') return undefined;
	return {
		ids: [...new Set(body.ids.slice(0, MAX_DELIVERY_IDS).filter(isRecordId).map(Number))],
		type: body.type,
		event: body.event,
		subscription_id: body.subscription_id as number | undefined,
		timestamp: body.timestamp as string | undefined,
		updated_attributes: body.updated_attributes as Record<string, unknown> | undefined,
	};
}

/** Copper sends `{field: [old, new]}`; items carry `{field: {old, new}}`. */
export function changes(attributes: Record<string, unknown> | undefined): Record<string, { old: unknown; new: unknown }> {
	const result: Record<string, { old: unknown; new: unknown }> = {};
	for (const [field, value] of Object.entries(attributes ?? {})) {
		if (isUnsafeKey(field)) continue;
		result[field] = Array.isArray(value) ? { old: value[0], new: value[1] } : { old: null, new: value };
	}
	return result;
}

export interface UpdateFilter {
	field: string;
	/** Only when the new value equals this (compared as text); empty means any change. */
	toValue?: string;
}

/** Whether an update passes the filters: any listed field changed (to the given value, when set). */
export function passesFilters(delivery: Delivery, filters: UpdateFilter[]): boolean {
	if (delivery.event !== 'update' || filters.length === 0) return true;
	const changed = changes(delivery.updated_attributes);
	return filters.some(({ field, toValue }) => {
		const change = changed[field.trim()];
		if (!change) return false;
		return toValue === undefined || toValue === '' || String(change.new) === toValue;
	});
}

/** Loads the delivered records: one search by ids (page size 200) per delivery, or one GET per activity. */
export async function loadRecords(
	transport: Transport,
	delivery: Delivery,
	computedValues: boolean,
): Promise<Map<number, IDataObject>> {
	const records = new Map<number, IDataObject>();
	if (delivery.event === 'delete' || delivery.ids.length === 0) return records;
	const qs = computedValues ? { custom_field_computed_values: true } : undefined;
	const plural = COPPER_ENTITIES.find((entity) => entity.kind === delivery.type)?.plural;
	// The entity's fetch by ID, combined: one search by ids per 200 records (Copper sends at most 30 per delivery).
	const combine = plural ? copperOperations.find((op) => op.resource === plural && op.value === 'get')?.combine : undefined;
	if (combine) {
		for (let start = 0; start < delivery.ids.length; start += combine.maxPerRequest) {
			const found = await searchByKeys(transport, combine, delivery.ids.slice(start, start + combine.maxPerRequest), qs, 0);
			for (const [key, list] of found) records.set(Number(key), list[0]);
		}
	} else if (delivery.type === 'activity_log') {
		// Copper's activity search takes no IDs: one read per ID, a few at once, at most MAX_DELIVERY_IDS.
		for (let start = 0; start < delivery.ids.length; start += ACTIVITY_READS_AT_ONCE) {
			const ids = delivery.ids.slice(start, start + ACTIVITY_READS_AT_ONCE);
			const answers = await Promise.all(
				ids.map(async (id) => await send(transport, { method: 'GET', path: `/activities/${id}` }, 'read').catch(() => undefined)),
			);
			answers.forEach((response, index) => {
				if (isPlainObject(response?.body)) records.set(ids[index], response.body as IDataObject);
			});
		}
	}
	return records;
}

/** One item per delivered ID. */
export function toItems(delivery: Delivery, records?: Map<number, IDataObject>): IDataObject[] {
	return delivery.ids.map((id) => ({
		id,
		type: delivery.type,
		event: delivery.event,
		subscription_id: delivery.subscription_id ?? null,
		timestamp: delivery.timestamp ?? null,
		...(delivery.event === 'update' ? { updated_attributes: changes(delivery.updated_attributes) } : {}),
		...(delivery.event === 'delete' ? { deleted: true } : {}),
		...(records ? { record: records.get(id) ?? null } : {}),
	}));
}

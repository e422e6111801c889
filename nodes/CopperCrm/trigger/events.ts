/** The webhook events a Copper subscription can carry (§2.8): record types × new / update / delete, plus new activities. */
import type { INodePropertyOptions } from 'n8n-workflow';

import { COPPER_ENTITIES } from '../catalog/entities';

const EVENT_LABELS: Record<string, string> = { new: 'Created', update: 'Updated', delete: 'Deleted' };

/** Event values are `<type>.<event>`, e.g. `opportunity.update`. */
export const eventOptions: INodePropertyOptions[] = [
	...COPPER_ENTITIES.flatMap(({ kind, label }) =>
		Object.entries(EVENT_LABELS).map(([event, verb]) => ({ name: `${label} ${verb}`, value: `${kind}.${event}` })),
	),
	{ name: 'Activity Created', value: 'activity_log.new', description: 'Copper documents only "new" for activities' },
].sort((a, b) => a.name.localeCompare(b.name));

export function splitEvent(value: string): { type: string; event: string } {
	const [type, event] = value.split('.');
	return { type, event };
}

/** Copper's cap on webhook subscriptions per account. */
export const MAX_SUBSCRIPTIONS = 100;

/** The webhook events a Copper subscription can carry (§2.8): record types × new / update / delete, plus new activities. */
import type { INodePropertyOptions } from 'n8n-workflow';

export const RECORD_TYPES: Record<string, { label: string; plural: string }> = {
	lead: { label: 'Lead', plural: 'leads' },
	person: { label: 'Person', plural: 'people' },
	company: { label: 'Company', plural: 'companies' },
	opportunity: { label: 'Opportunity', plural: 'opportunities' },
	project: { label: 'Project', plural: 'projects' },
	task: { label: 'Task', plural: 'tasks' },
};

const EVENT_LABELS: Record<string, string> = { new: 'Created', update: 'Updated', delete: 'Deleted' };

/** Event values are `<type>.<event>`, e.g. `opportunity.update`. */
export const eventOptions: INodePropertyOptions[] = [
	...Object.entries(RECORD_TYPES).flatMap(([type, { label }]) =>
		Object.entries(EVENT_LABELS).map(([event, verb]) => ({ name: `${label} ${verb}`, value: `${type}.${event}` })),
	),
	{ name: 'Activity Created', value: 'activity_log.new', description: 'Copper documents only "new" for activities' },
].sort((a, b) => a.name.localeCompare(b.name));

export function splitEvent(value: string): { type: string; event: string } {
	const [type, event] = value.split('.');
	return { type, event };
}

/** Copper's cap on webhook subscriptions per account. */
export const MAX_SUBSCRIPTIONS = 100;

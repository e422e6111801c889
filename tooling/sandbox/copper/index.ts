/**
 * Stateful fake of the Copper CRM Developer API (spec: /work/shared/docs/copper-api.md) as a real
 * HTTP server, for tests, benchmarks and manual clicking around (see README.md and ../standalone.ts).
 *
 *   const sandbox = await startCopperSandbox({ seed: 'demo' });
 *   // sandbox.url === 'http://127.0.0.1:<port>/developer_api/v1'
 *   sandbox.store.addPeople(1000);
 *   sandbox.injectFault({ method: 'POST', path: '/people/search', status: 500 });
 *   await sandbox.close();
 */

export { startCopperSandbox, BASE_PREFIX, CONTROL_DELIVER_PATH, CONTROL_SEED_PATH } from './server';
export { startCopperStorage, type CopperStorage } from './storage';
export { deliverEvent, deliverWebhook, MAX_IDS_PER_NOTIFICATION, type DeliveryOptions, type DeliveryResult } from './delivery';
export { CopperStore } from './store';
export { SEED_IDS } from './seed';
export type {
	CopperSandbox,
	CopperSandboxOptions,
	Fault,
	RateLimitConfig,
	RecordedRequest,
	EntityPlural,
	EntitySingular,
	AnyRecord,
	RecordMap,
	Lead,
	Person,
	Company,
	Opportunity,
	Project,
	Task,
	Activity,
	CustomFieldDefinition,
	CustomActivityType,
	RelatedLink,
	Relation,
	Webhook,
	StoredFile,
	User,
	Pipeline,
	TagRow,
} from './types';
export { seedVolume, type VolumeSeed } from './volume';

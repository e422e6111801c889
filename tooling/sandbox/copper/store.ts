/**
 * In-memory state of the Copper sandbox. Handlers mutate it through the methods below; tests and
 * benchmarks may read and mutate it directly (e.g. `store.addPeople(20000)`, `store.get('people', id)`).
 *
 * Records are kept as stored; responses are produced by `serialize.ts` (which expands `custom_fields`
 * to one entry per definition available on the entity).
 */

import { ENTITIES, PLURAL, SINGULAR, blankRecord, splitName, type BlankDefaults } from './entities';
import type {
	Account,
	Activity,
	ActivityType,
	AnyRecord,
	Company,
	CustomActivityType,
	CustomFieldDefinition,
	EntityPlural,
	EntitySingular,
	FieldLayoutRow,
	LeadStatus,
	NamedLookup,
	Person,
	Pipeline,
	PipelineStage,
	RecordMap,
	Relation,
	RelatedLink,
	ResourceRef,
	StoredFile,
	TagRow,
	UploadedObject,
	User,
	Webhook,
} from './types';

const DEFAULT_LABEL: Record<EntityPlural, string> = {
	leads: 'Lead',
	people: 'Person',
	companies: 'Company',
	opportunities: 'Opportunity',
	projects: 'Project',
	tasks: 'Task',
};

export class CopperStore {
	// Records -------------------------------------------------------------------------------
	readonly leads = new Map<number, RecordMap['leads']>();
	readonly people = new Map<number, RecordMap['people']>();
	readonly companies = new Map<number, RecordMap['companies']>();
	readonly opportunities = new Map<number, RecordMap['opportunities']>();
	readonly projects = new Map<number, RecordMap['projects']>();
	readonly tasks = new Map<number, RecordMap['tasks']>();

	readonly activities = new Map<number, Activity>();
	/** Deleted activities stay readable as `{id, is_deleted: true}` stubs. */
	readonly deletedActivityIds = new Set<number>();
	readonly customFieldDefinitions = new Map<number, CustomFieldDefinition>();
	readonly customActivityTypes = new Map<number, CustomActivityType>();
	/** Connections (Connect custom fields), `/related_links`. */
	readonly relatedLinks = new Map<number, RelatedLink>();
	readonly webhooks = new Map<number, Webhook>();
	/** Attached files of every entity record (see `filesOf`). */
	readonly files = new Map<number, StoredFile>();
	/** Explicit Related Items relationships (field-backed ones live on the records, see handlers/relations.ts). */
	readonly relations = new Map<number, Relation>();
	/** Keys handed out by s3_signed_url and objects posted to the sandbox's file storage (storage.ts). */
	readonly uploads = new Map<string, UploadedObject>();
	/** The file storage that F-3's signed answers point to (set by server.ts). */
	storage?: { signUpload(): { url: string; body: Record<string, string> } };

	// Static lists (filled by seed.ts) ------------------------------------------------------
	account: Account = {
		id: 100624,
		name: 'Dev API Sandbox',
		primary_timezone: 'America/Los_Angeles',
		settings: { setting_team_permissions_enabled: false, setting_enable_leads: true },
	};
	users: User[] = [];
	/** Id of the user that owns the API key (`/users/me`). */
	apiUserId = 0;
	pipelines: Pipeline[] = [];
	customerSources: NamedLookup[] = [];
	lossReasons: NamedLookup[] = [];
	contactTypes: NamedLookup[] = [];
	leadStatuses: LeadStatus[] = [];
	/** Built-in activity types; custom activity types are appended to `user` by `activityTypeList()`. */
	activityTypes: { user: ActivityType[]; system: ActivityType[] } = { user: [], system: [] };
	/** Static part of the field layouts; custom fields are appended per request. */
	fieldLayouts: Record<EntityPlural, FieldLayoutRow[]> = {
		leads: [],
		people: [],
		companies: [],
		opportunities: [],
		projects: [],
		tasks: [],
	};

	/** Accept http:// webhook targets (Copper itself requires https); for local n8n instances. */
	allowHttpWebhookTargets = false;

	/** Searches return at most this many records whatever the paging (Copper: 100,000); tests lower it. */
	searchCap = 100_000;

	/** Bumped by every change the sandbox sees (search results are cached per version, see volume.ts). */
	version = 0;

	// Internals ---------------------------------------------------------------------------
	private counter: number;
	private readonly personEmails = new Map<string, number>();
	private readonly companyDomains = new Map<string, number>();

	constructor(firstId = 1000) {
		this.counter = firstId;
	}

	/** Marks the data as changed (after editing a stored record object in place). */
	touch(): void {
		this.version += 1;
	}

	nextId(): number {
		this.counter += 1;
		return this.counter;
	}

	/** How far the sandbox's clock is from the machine's (seconds; tests of clocks that disagree). */
	clockSkewSeconds = 0;

	/** Unix seconds, by the sandbox's clock. */
	now(): number {
		return Math.floor(Date.now() / 1000) + this.clockSkewSeconds;
	}

	// Generic record access --------------------------------------------------------------

	map<E extends EntityPlural>(entity: E): Map<number, RecordMap[E]> {
		return this[entity] as unknown as Map<number, RecordMap[E]>;
	}

	get<E extends EntityPlural>(entity: E, id: number): RecordMap[E] | undefined {
		return this.map(entity).get(id);
	}

	count(entity: EntityPlural | 'activities'): number {
		return entity === 'activities' ? this.activities.size : this.map(entity).size;
	}

	all<E extends EntityPlural>(entity: E): Array<RecordMap[E]> {
		return Array.from(this.map(entity).values());
	}

	exists(ref: { type: EntitySingular; id: number }): boolean {
		return this.map(PLURAL[ref.type]).has(ref.id);
	}

	recordName(ref: { type: EntitySingular; id: number }): string | undefined {
		return this.map(PLURAL[ref.type]).get(ref.id)?.name;
	}

	blankDefaults(): BlankDefaults {
		const status = this.leadStatuses.find((s) => s.is_default) ?? this.leadStatuses[0];
		return { pipeline: this.pipelines[0], leadStatus: status };
	}

	/** A blank record with a fresh id (not inserted). */
	blank<E extends EntityPlural>(entity: E, name?: string): RecordMap[E] {
		const id = this.nextId();
		return blankRecord(entity, id, name ?? `${DEFAULT_LABEL[entity]} ${id}`, this.now(), this.blankDefaults());
	}

	insert<E extends EntityPlural>(entity: E, record: RecordMap[E]): RecordMap[E] {
		this.touch();
		this.map(entity).set(record.id, record);
		this.index(entity, record);
		return record;
	}

	/** Applies `patch` (keys as given, `null` included), keeps the indexes in sync and bumps date_modified. */
	update<E extends EntityPlural>(entity: E, id: number, patch: Partial<RecordMap[E]>, touch = true): RecordMap[E] | undefined {
		const rec = this.get(entity, id);
		if (!rec) return undefined;
		this.touch();
		this.unindex(entity, rec);
		Object.assign(rec, patch);
		if (touch && patch.date_modified === undefined) rec.date_modified = this.now();
		this.index(entity, rec);
		return rec;
	}

	/** Deletes a record and everything that points at it. Returns false when unknown. */
	remove(entity: EntityPlural, id: number): boolean {
		const rec = this.get(entity, id);
		if (!rec) return false;
		this.touch();
		this.unindex(entity, rec);
		this.map(entity).delete(id);
		const type = SINGULAR[entity];
		const isRef = (r: ResourceRef | null | undefined) => !!r && r.type === type && r.id === id;

		if (entity === 'people') {
			for (const c of this.companies.values()) if (c.primary_contact_id === id) c.primary_contact_id = null;
			for (const o of this.opportunities.values()) if (o.primary_contact_id === id) o.primary_contact_id = null;
		}
		if (entity === 'companies') {
			for (const p of this.people.values()) {
				if (p.company_id === id) {
					p.company_id = null;
					p.company_name = null;
				}
			}
			for (const o of this.opportunities.values()) {
				if (o.company_id === id) {
					o.company_id = null;
					o.company_name = null;
				}
			}
		}
		for (const t of this.tasks.values()) if (isRef(t.related_resource)) t.related_resource = null;
		for (const p of this.projects.values()) if (isRef(p.related_resource)) p.related_resource = null;
		for (const [rid, r] of this.relations) if (isRef(r.a) || isRef(r.b)) this.relations.delete(rid);
		for (const [aid, a] of this.activities) if (isRef(a.parent)) this.activities.delete(aid);
		for (const [fid, f] of this.files) if (f.entity_type === entity && f.entity_id === id) this.files.delete(fid);
		for (const [lid, l] of this.relatedLinks) {
			const hit = (end: { id: number; entity_type: string }) => end.id === id && end.entity_type === type;
			if (hit(l.source) || hit(l.target)) this.relatedLinks.delete(lid);
		}
		return true;
	}

	// Bulk helpers for tests and benchmarks -----------------------------------------------

	/** Inserts `n` people quickly (no validation). Default emails are unique: `person<id>@sandbox.test`. */
	addPeople(n: number, overrides?: (i: number) => Partial<Person>): Person[] {
		return this.addRecords('people', n, overrides);
	}

	/** Inserts `n` records of an entity quickly (no validation beyond unique person emails being generated). */
	addRecords<E extends EntityPlural>(entity: E, n: number, overrides?: (i: number) => Partial<RecordMap[E]>): Array<RecordMap[E]> {
		const out: Array<RecordMap[E]> = new Array(n);
		const defaults = this.blankDefaults();
		const now = this.now();
		for (let i = 0; i < n; i++) {
			const id = this.nextId();
			const rec = blankRecord(entity, id, `${DEFAULT_LABEL[entity]} ${id}`, now, defaults);
			if (entity === 'people') {
				(rec as Person).emails = [{ email: `person${id}@sandbox.test`, category: 'work' }];
			} else if (entity === 'companies') {
				(rec as Company).email_domain = `company${id}.sandbox.test`;
			}
			if (overrides) {
				const o = overrides(i);
				Object.assign(rec, o);
				if ((entity === 'people' || entity === 'leads') && typeof o.name === 'string' && o.first_name === undefined && o.last_name === undefined) {
					Object.assign(rec, splitName(o.name));
				}
			}
			out[i] = this.insert(entity, rec);
		}
		return out;
	}

	// Indexes -------------------------------------------------------------------------------

	/** Id of the person owning this email (case-insensitive), if any. */
	emailOwner(email: string): number | undefined {
		return this.personEmails.get(email.trim().toLowerCase());
	}

	findPersonByEmail(email: string): Person | undefined {
		const id = this.emailOwner(email);
		return id === undefined ? undefined : this.people.get(id);
	}

	/** Id of the company owning this email domain (case-insensitive), if any. */
	domainOwner(domain: string): number | undefined {
		return this.companyDomains.get(domain.trim().toLowerCase());
	}

	private index(entity: EntityPlural, rec: AnyRecord): void {
		if (entity === 'people') {
			for (const e of (rec as Person).emails ?? []) {
				if (e && typeof e.email === 'string') this.personEmails.set(e.email.trim().toLowerCase(), rec.id);
			}
		} else if (entity === 'companies') {
			const d = (rec as Company).email_domain;
			if (typeof d === 'string' && d !== '') this.companyDomains.set(d.trim().toLowerCase(), rec.id);
		}
	}

	private unindex(entity: EntityPlural, rec: AnyRecord): void {
		if (entity === 'people') {
			for (const e of (rec as Person).emails ?? []) {
				if (!e || typeof e.email !== 'string') continue;
				const key = e.email.trim().toLowerCase();
				if (this.personEmails.get(key) === rec.id) this.personEmails.delete(key);
			}
		} else if (entity === 'companies') {
			const d = (rec as Company).email_domain;
			if (typeof d === 'string') {
				const key = d.trim().toLowerCase();
				if (this.companyDomains.get(key) === rec.id) this.companyDomains.delete(key);
			}
		}
	}

	// Lookups -------------------------------------------------------------------------------

	apiUser(): User {
		const u = this.users.find((x) => x.id === this.apiUserId) ?? this.users[0];
		if (!u) throw new Error('Copper sandbox store has no users (seed first)');
		return u;
	}

	pipelineStages(): PipelineStage[] {
		return this.pipelines.flatMap((p) => p.stages.map((s) => ({ id: s.id, name: s.name, pipeline_id: p.id, win_probability: s.win_probability })));
	}

	findStage(stageId: number): PipelineStage | undefined {
		return this.pipelineStages().find((s) => s.id === stageId);
	}

	/** Built-in user types plus custom activity types, and the system types. */
	activityTypeList(): { user: ActivityType[]; system: ActivityType[] } {
		const custom: ActivityType[] = Array.from(this.customActivityTypes.values()).map((c) => ({
			id: c.id,
			category: 'user',
			name: c.name,
			is_disabled: c.is_disabled,
			count_as_interaction: c.is_interaction,
		}));
		return { user: [...this.activityTypes.user, ...custom], system: [...this.activityTypes.system] };
	}

	findActivityType(category: string, id: number): ActivityType | undefined {
		const list = this.activityTypeList();
		return (category === 'system' ? list.system : list.user).find((t) => t.id === id);
	}

	/** Definitions available on an entity, by id. */
	definitionsFor(type: EntitySingular): CustomFieldDefinition[] {
		return Array.from(this.customFieldDefinitions.values())
			.filter((d) => d.available_on.includes(type))
			.sort((a, b) => a.id - b.id);
	}

	filesOf(entity: EntityPlural, id: number): StoredFile[] {
		return Array.from(this.files.values()).filter((f) => f.entity_type === entity && f.entity_id === id);
	}

	/** Tags aggregated from the `tags` of every record (case-insensitive; first spelling wins). */
	tags(): TagRow[] {
		const rows = new Map<string, TagRow>();
		for (const entity of ENTITIES) {
			const col = `count_${entity}` as keyof TagRow;
			for (const rec of this.map(entity).values()) {
				if (!Array.isArray(rec.tags)) continue;
				const seen = new Set<string>();
				for (const tag of rec.tags) {
					if (typeof tag !== 'string') continue;
					const key = tag.toLowerCase();
					if (seen.has(key)) continue;
					seen.add(key);
					let row = rows.get(key);
					if (!row) {
						row = {
							name: tag,
							count: 0,
							count_people: 0,
							count_leads: 0,
							count_companies: 0,
							count_opportunities: 0,
							count_projects: 0,
							count_tasks: 0,
						};
						rows.set(key, row);
					}
					row.count += 1;
					(row[col] as number) += 1;
				}
			}
		}
		return Array.from(rows.values());
	}
}

/**
 * Stateful fake of the Ocoya public REST API (https://app.ocoya.com/api/_public/v1) for tests.
 *
 *   const sandbox = await startOcoyaSandbox({ seed: 'minimal' });
 *   await fetch(`${sandbox.url}/workspaces`, { headers: { 'X-API-Key': sandbox.apiKey } });
 *   await sandbox.close();
 *
 * See ../shared/docs/ocoya-api.md (beside the repository) for the behaviour being imitated.
 */

export type {
	BrandKit,
	Campaign,
	Creative,
	Fault,
	HashtagLibrary,
	OcoyaSandbox,
	OcoyaSandboxOptions,
	OcoyaUser,
	PostEntry,
	PostGroup,
	PostGroupJson,
	RateLimitConfig,
	RecordedRequest,
	SocialProfile,
	SocialProfileJson,
	StudioTemplate,
	Workspace,
} from './types';
export { OcoyaStore, serializePostGroup, type CreatePostInput, type PostOverrides, type UpdatePostInput } from './store';
export { startOcoyaSandbox, OcoyaSandboxServer, DEFAULT_API_KEY, DEFAULT_OAUTH_TOKEN } from './server';
export { applySeed, SEED_IDS, type SeedName } from './seed';
export { BASE_PREFIX } from './routes';
export { MESSAGES } from './http';
export * from './enums';

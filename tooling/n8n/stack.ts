/**
 * The pieces of a local n8n with this package and both sandboxes, shared by `npm start`, `npm run dev`
 * and the end-to-end tests (test/e2e/), one file per concern, gathered here for callers:
 * processes.ts (the process manager), communityPackage.ts, sandboxes.ts, workflows.ts (credentials,
 * examples, CLI runs), server.ts (the n8n server, owner, login).
 */
export { log, type ManagedProcess } from './processes';
export * from './communityPackage';
export * from './sandboxes';
export * from './workflows';
export * from './server';

/**
 * Runs this package's nodes in n8n-core's real WorkflowExecute, with node and
 * credential types loaded from the built package by n8n's PackageDirectoryLoader,
 * exactly as an n8n instance loads a community package. The pieces live by concern:
 * env.ts (n8n-core's environment), nodeTypes.ts (the loader), credentials.ts (credentials
 * helper and additional data), runNode.ts (WorkflowExecute) and contexts.ts (poll, webhook,
 * loadOptions, listSearch, parameter issues).
 */
import './env';

export { loadPackage, PACKAGE_NAME, PACKAGE_ROOT } from './nodeTypes';
export { buildAdditionalData, MapCredentialsHelper } from './credentials';
export { runNode, type RunNodeOptions, type RunNodeResult } from './runNode';
export { listSearchOf, loadOptionsOf, parameterIssues, pollTrigger, singleNodeWorkflow, webhookTrigger, type WebhookCall } from './contexts';

/** The major version of the n8n-workflow the suites run on (2, or 1 under `npm run test:engine:1x`). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ENGINE_MAJOR = Number((require('n8n-workflow/package.json') as { version: string }).version.split('.')[0]);

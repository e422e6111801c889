/**
 * The header Copper requires on every request, whatever the credential: written once, for the node's
 * requests (service.ts), both credentials (their own requests: credential test, HTTP Request node) and
 * the tools that call the sandbox directly.
 */
export const COPPER_APPLICATION_HEADER: Readonly<Record<string, string>> = { 'X-PW-Application': 'developer_api' };

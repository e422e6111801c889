/**
 * The environment n8n-core reads when it is first loaded: a throw-away user folder and silent logs.
 * Imported (for its effect) before n8n-core by every harness file that loads it.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-user-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

/**
 * For measuring what the Simplified tool output saves (mcp.e2e.ts): the MCP example as a second
 * served workflow whose every tool answers Full, on its own path. Written next to the e2e state,
 * never into examples/.
 */
import * as fs from 'fs';
import * as path from 'path';

export const MCP_EXAMPLE = path.resolve(__dirname, '..', '..', '..', 'examples', 'mcp-copper-ocoya-tools.json');
export const FULL_OUTPUT_PATH = 'copper-ocoya-full';
export const FULL_OUTPUT_ID = 'exMcpToolsFull01';

interface WorkflowFile {
	id: string;
	name: string;
	nodes: Array<{ id: string; type: string; webhookId?: string; parameters: Record<string, unknown> }>;
}

/** The example with every Copper CRM and Ocoya tool set to Full, served at /mcp/copper-ocoya-full. */
export function writeFullOutputVariant(dir: string): string {
	const wf = JSON.parse(fs.readFileSync(MCP_EXAMPLE, 'utf8')) as WorkflowFile;
	wf.id = FULL_OUTPUT_ID;
	wf.name = `${wf.name} (Full tool output, for measuring)`;
	for (const node of wf.nodes) {
		node.id = node.id.replace(/.{4}$/, (tail) => `f${tail.slice(1)}`);
		if (node.type === '@n8n/n8n-nodes-langchain.mcpTrigger') {
			node.parameters.path = FULL_OUTPUT_PATH;
			node.webhookId = '5f0c7a52-3f0e-4d7c-9a5e-6c0ffee0f011';
		} else if (node.type.startsWith('n8n-nodes-copper-ocoya.')) {
			node.parameters.toolOutput = 'full';
		}
	}
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, 'mcp-full-output.json');
	fs.writeFileSync(file, JSON.stringify(wf, null, 1));
	return file;
}

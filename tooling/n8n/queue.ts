/**
 * n8n's queue mode on one machine, for `npm start -- --queue` and the queue-mode e2e test: a local
 * Redis (Debian's redis-server, installed on first use by scripts/ensure-redis.sh), n8n's main
 * process with EXECUTIONS_MODE=queue and `n8n worker` processes. Every process shares the user
 * folder (so the same SQLite database, encryption key and installed community package) and gets
 * ports of its own: its n8n port, the task-runner broker port (port + 1000) and, for a worker, its
 * health-check server on its own port.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { REPO_ROOT, type Runtime } from './n8n-install';
import { log, manage, portOpen, type ManagedProcess } from './processes';

export { portOpen, type ManagedProcess };

/** Installs Debian's redis-server with apt-get when it is missing (as scripts/ensure-chromium.sh does Chromium). */
export function ensureRedis(): string {
	execFileSync('bash', [path.join(REPO_ROOT, 'scripts', 'ensure-redis.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
	return execFileSync('bash', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim();
}

/** Sends one Redis command (inline protocol) and returns the first reply line. */
function redisCommand(port: number, command: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let reply = '';
		socket.once('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (d) => {
			reply += d.toString();
			if (reply.includes('\r\n')) {
				socket.destroy();
				resolve(reply.split('\r\n')[0]);
			}
		});
		socket.once('error', reject);
		socket.setTimeout(2000, () => {
			socket.destroy();
			reject(new Error('redis did not answer'));
		});
	});
}

/** Starts a throwaway redis-server on 127.0.0.1:port (no persistence; data in `dir`), ready for commands. */
export async function startRedis(port: number, dir: string): Promise<ManagedProcess> {
	const bin = ensureRedis();
	if (await portOpen(port)) throw new Error(`something already listens on 127.0.0.1:${port}: pick another Redis port (--redis-port)`);
	fs.mkdirSync(dir, { recursive: true });
	const redis = manage('redis', bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'], process.env);
	const deadline = Date.now() + 20_000;
	while (Date.now() < deadline) {
		if (redis.process.exitCode !== null) throw new Error(`redis-server exited (${redis.process.exitCode}):\n${redis.logs()}`);
		try {
			if ((await redisCommand(port, 'PING')) === '+PONG') {
				log(`Redis: 127.0.0.1:${port} (${bin})`);
				return redis;
			}
		} catch {
			/* not yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	await redis.stop();
	throw new Error(`redis-server did not answer on ${port}:\n${redis.logs()}`);
}

/** What every process of a queue-mode n8n shares: the mode and where Redis is. */
export function queueEnv(env: NodeJS.ProcessEnv, redisPort: number): NodeJS.ProcessEnv {
	return {
		...env,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		// Manual runs from the editor go to the workers too, as production runs do.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

/**
 * Starts `n8n worker` with its own ports: N8N_PORT and the health-check server on `port`, the
 * task-runner broker on port + 1000. Resolves once its health check answers.
 */
export async function startWorker(
	rt: Runtime,
	env: NodeJS.ProcessEnv,
	index: number,
	port: number,
	opts: { concurrency?: number; echo?: boolean; timeoutMs?: number } = {},
): Promise<ManagedProcess> {
	if (await portOpen(port)) throw new Error(`something already listens on 127.0.0.1:${port} (worker ${index}'s health port)`);
	const workerEnv = {
		...env,
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(port + 1000),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(port),
	};
	const args = [rt.n8nBin, 'worker', ...(opts.concurrency ? [`--concurrency=${opts.concurrency}`] : [])];
	const worker = manage(`worker ${index}`, rt.nodeBin, args, workerEnv, opts.echo);
	const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
	while (Date.now() < deadline) {
		if (worker.process.exitCode !== null) throw new Error(`n8n worker ${index} exited (${worker.process.exitCode}) while starting:\n${worker.logs()}`);
		try {
			const res = await fetch(`http://127.0.0.1:${port}/healthz`);
			if (res.ok) {
				log(`n8n worker ${index}: health check on 127.0.0.1:${port}`);
				return worker;
			}
		} catch {
			/* not yet */
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	await worker.stop();
	throw new Error(`n8n worker ${index} did not answer its health check on ${port}:\n${worker.logs()}`);
}

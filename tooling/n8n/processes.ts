/**
 * The one process manager of the local tooling: long-running processes (n8n, its workers, Redis) in
 * their own process group, stopped with their children and never left orphaned; short commands run to
 * completion; readiness probes (a TCP port, an HTTP status); the log line every tool prints.
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import * as http from 'http';
import * as net from 'net';
import { REPO_ROOT } from './n8n-install';

export function log(msg: string): void {
	process.stdout.write(`[n8n-local] ${msg}\n`);
}

/** Runs a command to completion; its stdout (stderr in the error). */
export function sh(cmd: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): string {
	return execFileSync(cmd, args, { cwd, env: env ?? process.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

export interface ManagedProcess {
	name: string;
	process: ChildProcess;
	logs(): string;
	stop(): Promise<void>;
}

/** Spawns a long-running process in its own process group, keeping the tail of its output. */
export function manage(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, echo = false): ManagedProcess {
	const child = spawn(command, args, { env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let logs = '';
	const onData = (d: Buffer) => {
		logs = (logs + d.toString()).slice(-200_000);
		if (echo) process.stdout.write(d);
	};
	child.stdout!.on('data', onData);
	child.stderr!.on('data', onData);
	let exited = false;
	const killGroup = (signal: NodeJS.Signals) => {
		try {
			if (!exited && child.pid) process.kill(-child.pid, signal);
		} catch {
			/* gone */
		}
	};
	const onExit = () => killGroup('SIGKILL');
	process.once('exit', onExit);
	child.on('exit', () => {
		exited = true;
		process.removeListener('exit', onExit);
	});
	const stop = async () => {
		if (exited || child.pid === undefined) return;
		const done = new Promise<void>((r) => child.once('exit', () => r()));
		killGroup('SIGTERM');
		const killer = setTimeout(() => killGroup('SIGKILL'), 15_000);
		await done;
		clearTimeout(killer);
	};
	return { name, process: child, logs: () => logs, stop };
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
		socket.setTimeout(1000, () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/** The status of a GET (0 when nothing answers); with `json`, 0 unless the answer is JSON. */
export function httpStatus(url: string, opts: { json?: boolean } = {}): Promise<number> {
	return new Promise((resolve) => {
		const req = http.get(url, (res) => {
			res.resume();
			const json = /^application\/json/.test(res.headers['content-type'] ?? '');
			resolve(opts.json && !json ? 0 : (res.statusCode ?? 0));
		});
		req.on('error', () => resolve(0));
		req.setTimeout(2000, () => {
			req.destroy();
			resolve(0);
		});
	});
}


// Runs a throwaway ClickHouse server as a plain process on 127.0.0.1, for the e2e tests and
// the collector benchmark: no Docker, no system service. The packaged config.xml and
// users.xml are copied to a temporary folder with their data and log paths moved into it,
// their ports changed, and every listener but 127.0.0.1 http/tcp removed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CONFIG_DIR = '/etc/clickhouse-server';

/**
 * The ClickHouse server command of this machine: `$PARCOURS_CLICKHOUSE`, the official
 * single binary (`clickhouse server`), or Debian's `clickhouse-server`; undefined if none.
 *
 * @returns {{ command: string, args: string[] } | undefined}
 */
export function findClickHouse() {
  const own = process.env.PARCOURS_CLICKHOUSE;
  if (own) return { command: own, args: own.endsWith('/clickhouse') ? ['server'] : [] };
  if (existsSync('/usr/bin/clickhouse'))
    return { command: '/usr/bin/clickhouse', args: ['server'] };
  for (const path of ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server']) {
    if (existsSync(path)) return { command: path, args: [] };
  }
  return undefined;
}

/**
 * `count` distinct free TCP ports on 127.0.0.1 (free now; nothing holds them). They are
 * held open together while being picked, or the OS may hand out the same one twice.
 *
 * @returns {Promise<number[]>}
 */
export async function freePorts(count) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const [port] = await freePorts(1);
  return port;
}

const PORT_TAGS = [
  'https_port',
  'tcp_port_secure',
  'interserver_http_port',
  'interserver_https_port',
  'mysql_port',
  'postgresql_port',
  'grpc_port',
  'prometheus_port',
];

/** The packaged config.xml, rewritten to live in `dir` and listen on the given ports only. */
export function rewriteConfig(xml, dir, httpPort, tcpPort) {
  let out = xml
    .replaceAll('/var/lib/clickhouse/', `${dir}/data/`)
    .replaceAll('/var/log/clickhouse-server/', `${dir}/log/`)
    .replace(/<listen_host>[^<]*<\/listen_host>/g, '')
    .replace(/<http_port>\d+<\/http_port>/, `<http_port>${httpPort}</http_port>`)
    .replace(/<tcp_port>\d+<\/tcp_port>/, `<tcp_port>${tcpPort}</tcp_port>`);
  for (const tag of PORT_TAGS) out = out.replace(new RegExp(`<${tag}>\\d+</${tag}>`, 'g'), '');
  return out.replace(
    /(<http_port>\d+<\/http_port>)/,
    '$1\n    <listen_host>127.0.0.1</listen_host>',
  );
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function ping(url) {
  try {
    const response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Starts ClickHouse in a new temporary folder, on free ports, and waits for `/ping`.
 * `kill()` ends it at once (SIGKILL) and `start()` brings it back on the same folder and
 * ports; `stop()` ends it and removes the folder.
 *
 * @param {{ timeoutMs?: number }} [options]
 */
export async function startClickHouse(options = {}) {
  const { timeoutMs = 60_000 } = options;
  const found = findClickHouse();
  if (!found) throw new Error('no ClickHouse server binary (apt-get install -y clickhouse-server)');
  const dir = await mkdtemp(join(tmpdir(), 'parcours-clickhouse-'));
  const [httpPort, tcpPort] = await freePorts(2);
  await mkdir(join(dir, 'data'), { recursive: true });
  await mkdir(join(dir, 'log'), { recursive: true });
  const xml = await readFile(join(CONFIG_DIR, 'config.xml'), 'utf8');
  await writeFile(join(dir, 'config.xml'), rewriteConfig(xml, dir, httpPort, tcpPort));
  await cp(join(CONFIG_DIR, 'users.xml'), join(dir, 'users.xml'));
  for (const sub of ['config.d', 'users.d']) {
    if (existsSync(join(CONFIG_DIR, sub)))
      await cp(join(CONFIG_DIR, sub), join(dir, sub), { recursive: true });
  }
  const url = `http://127.0.0.1:${httpPort}`;
  let child;
  let output = '';

  const server = {
    url,
    dir,
    httpPort,
    get pid() {
      return child?.pid;
    },
    /** Starts the process (again) and resolves once it answers /ping. */
    async start() {
      output = '';
      child = spawn(found.command, [...found.args, `--config-file=${join(dir, 'config.xml')}`], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const keep = (chunk) => (output = (output + chunk).slice(-4_000));
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      const running = child;
      let exited = false;
      running.once('exit', () => (exited = true));
      const end = Date.now() + timeoutMs;
      while (!(await ping(url))) {
        if (exited) {
          const log = await readFile(join(dir, 'log/clickhouse-server.err.log'), 'utf8').catch(
            () => '',
          );
          throw new Error(`ClickHouse exited at start:\n${output}\n${log.slice(-2_000)}`);
        }
        if (Date.now() > end) {
          running.kill('SIGKILL');
          throw new Error(`ClickHouse did not answer /ping within ${timeoutMs} ms:\n${output}`);
        }
        await sleep(100);
      }
    },
    /** Ends the process with `signal` and waits for it to exit. */
    async kill(signal = 'SIGKILL') {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill(signal);
      const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    /** Runs one query over HTTP and returns the answer text (throws on an error answer). */
    async query(sql) {
      const response = await fetch(url, { method: 'POST', body: sql });
      const text = await response.text();
      if (!response.ok) throw new Error(`ClickHouse ${response.status}: ${text}`);
      return text;
    },
    /** Ends the process and removes its folder. */
    async stop() {
      await server.kill('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return server;
}

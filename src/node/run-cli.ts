import { isCliUsageError, parseCliArgs, USAGE } from './cli-args.js';
import type { CliCommand, CollectCommand } from './cli-args.js';
import { createCollector } from './collector.js';
import type { Collector } from './collector.js';
import { createCollectorServer } from './collector-server.js';
import { closeServer, listen } from './listen.js';
import { runExport, runReplay } from './replay/replay-commands.js';

/** Where the CLI writes, and what stops a long-running command. */
export interface CliIo {
  /** Normal output. */
  stdout: (text: string) => void;
  /** Errors and usage problems. */
  stderr: (text: string) => void;
  /** Aborting it stops `collect` cleanly (the bin wires SIGINT and SIGTERM to it). */
  signal?: AbortSignal;
  /** Environment (`CLICKHOUSE_USER`, `CLICKHOUSE_PASSWORD`). @defaultValue `process.env` */
  env?: Readonly<Record<string, string | undefined>>;
}

const clock = (): string => new Date().toISOString().slice(11, 19);

/** How long a stopping collector waits for requests in flight, then for queued writes. */
const DRAIN_REQUESTS_MS = 12_000;
const DRAIN_WRITES_MS = 10_000;

function aborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
}

function build(options: CollectCommand, io: CliIo): Collector {
  const env = io.env ?? process.env;
  const { clickhouse, rateLimit, rateBurst } = options;
  return createCollector({
    dataDir: options.dataDir,
    rotateBytes: options.rotateBytes,
    clickhouse: clickhouse && {
      ...clickhouse,
      username: env.CLICKHOUSE_USER || undefined,
      password: env.CLICKHOUSE_PASSWORD || undefined,
    },
    cors: options.cors,
    sites: options.sites,
    maxBodyBytes: options.maxBodyBytes,
    rateLimit: rateLimit > 0 && { perSecond: rateLimit, burst: rateBurst },
    trustProxy: options.trustProxy || 'loopback',
    flushRows: options.flushRows,
    flushMs: options.flushMs,
    logRequests: !options.quiet,
    log: (line) => io.stdout(`${clock()} ${line}\n`),
  });
}

async function collect(options: CollectCommand, io: CliIo): Promise<number> {
  const { port, host, dataDir, clickhouse } = options;
  let collector: Collector;
  try {
    collector = build(options, io);
  } catch (error) {
    io.stderr(`parcours: ${(error as Error).message}\n`);
    return 2;
  }
  const stop = aborted(io.signal);
  try {
    // ClickHouse may still be starting: wait for it (logged) unless told to stop.
    const started = await Promise.race([collector.ready.then(() => true), stop.then(() => false)]);
    if (!started) {
      await collector.close(0);
      return 0;
    }
  } catch (error) {
    const what = clickhouse ? 'ClickHouse' : `data directory ${dataDir}`;
    io.stderr(`parcours: cannot use ${what}: ${(error as Error).message}\n`);
    await collector.close(0);
    return 1;
  }
  const server = createCollectorServer(collector);
  let base: string;
  try {
    base = await listen(server, port, host);
  } catch (error) {
    io.stderr(`parcours: ${(error as Error).message}\n`);
    await collector.close(0);
    return 1;
  }
  io.stdout(`parcours collector listening on ${base}/v1/batch\n`);
  const verb = clickhouse ? 'inserted into ClickHouse at' : 'appended to';
  io.stdout(`events are ${verb} ${collector.target} (Ctrl-C stops)\n`);
  await stop;
  io.stdout('stopping: no new connections; finishing the requests and writes under way\n');
  await closeServer(server, DRAIN_REQUESTS_MS);
  const left = collector.pendingRows;
  await collector.close(DRAIN_WRITES_MS);
  io.stdout(`parcours collector stopped${left ? ` (${left} event(s) were still queued)` : ''}\n`);
  return 0;
}

/**
 * Runs the `parcours` CLI with `argv` (without `node` and the script path).
 *
 * @returns the exit code: 0 done, 1 failed, 2 bad command line.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    if (!isCliUsageError(error)) throw error;
    io.stderr(`parcours: ${error.message}\nRun "parcours help" for usage.\n`);
    return 2;
  }
  if (command.command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (command.command === 'report') {
    // Loaded on demand: the charting library has no business in a running collector.
    const { runReport } = await import('./report/run-report.js');
    return runReport(command, io);
  }
  if (command.command === 'export') return runExport(command, io);
  if (command.command === 'replay') return runReplay(command, io);
  return collect(command, io);
}

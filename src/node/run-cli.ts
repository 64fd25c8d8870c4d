import { createServer } from 'node:http';
import { join } from 'node:path';
import { isCliUsageError, parseCliArgs, USAGE } from './cli-args.js';
import type { CliCommand } from './cli-args.js';
import { createCollector } from './collector.js';
import { closeServer, listen } from './listen.js';

/** Where the CLI writes, and what stops a long-running command. */
export interface CliIo {
  /** Normal output. */
  stdout: (text: string) => void;
  /** Errors and usage problems. */
  stderr: (text: string) => void;
  /** Aborting it stops `collect` cleanly (the bin wires SIGINT and SIGTERM to it). */
  signal?: AbortSignal;
}

const clock = (): string => new Date().toISOString().slice(11, 19);

async function collect(options: Extract<CliCommand, { command: 'collect' }>, io: CliIo) {
  const { port, host, dataDir, cors, sites, maxBodyBytes } = options;
  const collector = createCollector({
    dataDir,
    cors,
    sites,
    maxBodyBytes,
    log: (line) => io.stdout(`${clock()} ${line}\n`),
  });
  try {
    await collector.ready;
  } catch (error) {
    io.stderr(`parcours: cannot use data directory ${dataDir}: ${(error as Error).message}\n`);
    return 1;
  }
  // requestTimeout answers 408 to a body that trickles in (slowloris).
  const server = createServer(
    { requestTimeout: 30_000, headersTimeout: 15_000 },
    collector.handler,
  );
  let base: string;
  try {
    base = await listen(server, port, host);
  } catch (error) {
    io.stderr(`parcours: ${(error as Error).message}\n`);
    await collector.close();
    return 1;
  }
  io.stdout(`parcours collector listening on ${base}/v1/batch\n`);
  io.stdout(`events are appended to ${join(dataDir, 'events.ndjson')} (Ctrl-C stops)\n`);
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) resolve();
    io.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  await closeServer(server);
  await collector.close();
  io.stdout('parcours collector stopped\n');
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
  return collect(command, io);
}

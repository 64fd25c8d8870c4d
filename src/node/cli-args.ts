import { parseArgs } from 'node:util';
import { parseReportArgs, REPORT_USAGE } from './report/report-args.js';
import type { ReportCommand } from './report/report-args.js';
import type { ExportCommand, ReplayCommand } from './replay/replay-args.js';
import { parseExportArgs, parseReplayArgs, REPLAY_USAGE } from './replay/replay-args.js';

/** The usage text of the `parcours` CLI. */
export const USAGE = `Usage: parcours <command> [options]

Commands:
  collect   Run the reference collector: validates batches, dedupes on event id,
            stores events in <data>/events.ndjson or in ClickHouse.
  report    Summarise collected events in the terminal and in one HTML page
            (funnels, navigation errors, load times, reassurance, landings).
  export    Write one session's events as a session document (for replay).
  replay    Replay a session document in headless Chromium; report divergences.
  help      Show this text.

collect options:
  --port <n>          Port to listen on (0 picks a free one)    default 8787
  --host <addr>       Address to bind                            default 127.0.0.1
  --data <dir>        Directory of the NDJSON files              default ./data
  --rotate-bytes <n>  Rotate events.ndjson past this size        default 268435456
                      (and each UTC day)
  --clickhouse <url>  Store in ClickHouse instead, over HTTP: http://host:8123
                      (credentials in the URL, or CLICKHOUSE_USER / CLICKHOUSE_PASSWORD)
  --database <name>   ClickHouse database, created if missing    default parcours
  --table <name>      ClickHouse table, created if missing       default events
  --cors <origins>    Comma-separated allowed origins, or *      default *
  --sites <ids>       Comma-separated allowed siteIds            default any
  --max-body <n>      Largest body in bytes, raw and gunzipped   default 1000000
  --rate-limit <n>    Requests per second per client, 0 = off    default 50
  --rate-burst <n>    Requests a client may send at once         default 4 x rate
  --trust-proxy       Read the client address from X-Forwarded-For, whatever the
                      peer (by default only from a proxy on this machine)
  --flush-rows <n>    Write once this many events wait…          default 10000 / 20000
  --flush-ms <n>      …or once the oldest waited this long       default 0 / 1000
                      (NDJSON / ClickHouse)
  --quiet             No line per batch or per rejected request

${REPLAY_USAGE}Example:
  npx parcours collect --port 8787 --cors https://shop.example --sites shop-fr \\
    --clickhouse http://127.0.0.1:8123
${REPORT_USAGE}`;

/** A parsed `collect` command line; see {@link parseCliArgs}. */
export interface CollectCommand {
  command: 'collect';
  port: number;
  host: string;
  dataDir: string;
  rotateBytes: number;
  clickhouse: { url: string; database: string; table: string } | undefined;
  cors: string[];
  sites: string[] | undefined;
  maxBodyBytes: number;
  /** Requests per second per client; 0 turns the limit off. */
  rateLimit: number;
  rateBurst: number | undefined;
  trustProxy: boolean;
  flushRows: number | undefined;
  flushMs: number | undefined;
  quiet: boolean;
}

/** A parsed command line; see {@link parseCliArgs}. */
export type CliCommand =
  { command: 'help' } | CollectCommand | ReportCommand | ExportCommand | ReplayCommand;

/** A command line the CLI cannot run: printed on stderr with exit code 2. */
export interface CliUsageError extends Error {
  name: 'CliUsageError';
}

/** Whether `error` is a {@link CliUsageError}. */
export function isCliUsageError(error: unknown): error is CliUsageError {
  return error instanceof Error && error.name === 'CliUsageError';
}

function usageError(message: string): CliUsageError {
  return Object.assign(new Error(message), { name: 'CliUsageError' as const });
}

function integer(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw usageError(`--${flag} must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

function optionalInteger(flag: string, value: string | undefined, min: number, max: number) {
  return value === undefined ? undefined : integer(flag, value, min, max);
}

function list(flag: string, value: string): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (!items.length) throw usageError(`--${flag} needs at least one value`);
  return items;
}

function name(flag: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(value)) {
    throw usageError(
      `--${flag} must be letters, digits and _ (not starting with a digit), got "${value}"`,
    );
  }
  return value;
}

function clickhouseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`--clickhouse must be a URL such as http://127.0.0.1:8123, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError('--clickhouse must be an http:// or https:// URL (ClickHouse HTTP interface)');
  }
  return value;
}

const MAX_INT = 2 ** 31 - 1;

/**
 * Parses the `parcours` arguments (without `node` and the script path).
 *
 * @throws {@link CliUsageError} on an unknown command, an unknown flag or a bad value.
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    return { command: 'help' };
  }
  if (command === 'report')
    return rest.some((a) => a === '--help' || a === '-h')
      ? { command: 'help' }
      : parseReportArgs(rest);
  if (command === 'export') return parseExportArgs(rest);
  if (command === 'replay') return parseReplayArgs(rest);
  if (command !== 'collect') throw usageError(`unknown command "${command}"`);
  let values;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string', default: './data' },
        'rotate-bytes': { type: 'string', default: String(256 * 1024 * 1024) },
        clickhouse: { type: 'string' },
        database: { type: 'string', default: 'parcours' },
        table: { type: 'string', default: 'events' },
        cors: { type: 'string', default: '*' },
        sites: { type: 'string' },
        'max-body': { type: 'string', default: '1000000' },
        'rate-limit': { type: 'string', default: '50' },
        'rate-burst': { type: 'string' },
        'trust-proxy': { type: 'boolean', default: false },
        'flush-rows': { type: 'string' },
        'flush-ms': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw usageError((error as Error).message);
  }
  if (values.help) return { command: 'help' };
  if (!values.host) throw usageError('--host needs a value');
  if (!values.data) throw usageError('--data needs a value');
  return {
    command: 'collect',
    port: integer('port', values.port, 0, 65_535),
    host: values.host,
    dataDir: values.data,
    rotateBytes: integer('rotate-bytes', values['rotate-bytes'], 1, Number.MAX_SAFE_INTEGER),
    clickhouse:
      values.clickhouse === undefined
        ? undefined
        : {
            url: clickhouseUrl(values.clickhouse),
            database: name('database', values.database),
            table: name('table', values.table),
          },
    cors: list('cors', values.cors),
    sites: values.sites === undefined ? undefined : list('sites', values.sites),
    maxBodyBytes: integer('max-body', values['max-body'], 1, MAX_INT),
    rateLimit: integer('rate-limit', values['rate-limit'], 0, 1_000_000),
    rateBurst: optionalInteger('rate-burst', values['rate-burst'], 1, 10_000_000),
    trustProxy: values['trust-proxy'],
    flushRows: optionalInteger('flush-rows', values['flush-rows'], 1, 10_000_000),
    flushMs: optionalInteger('flush-ms', values['flush-ms'], 0, 600_000),
    quiet: values.quiet,
  };
}

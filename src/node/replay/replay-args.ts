import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The `export` and `replay` lines of the CLI usage text. */
export const REPLAY_USAGE = `export options (writes a session document for \`parcours replay\`):
  --sid <id>                 The session to export (required)
  --data <dir>               Directory of the collector's NDJSON files  default ./data
  --from-clickhouse <url>    Read from ClickHouse instead: http://host:8123
  --database <name>          ClickHouse database                        default parcours
  --table <name>             ClickHouse table                           default events
  --out <file>               Write there instead of stdout

replay <session.json> options (exit code 0: every step passed, 1: a step diverged):
  --base-url <url>           The site to replay against (required)
  --out <dir>                Report and screenshots                     default ./replay-out
  --speed 1|max              1: wait as the visitor did; max: no waits  default max
  --headed                   Show the browser window
  --chromium <path>          Chromium binary (or PARCOURS_CHROMIUM)     default system chromium

`;

/** A parsed `export` command line. */
export interface ExportCommand {
  command: 'export';
  sid: string;
  dataDir: string;
  clickhouse: { url: string; database: string; table: string } | undefined;
  out: string | undefined;
}

/** A parsed `replay` command line. */
export interface ReplayCommand {
  command: 'replay';
  file: string;
  baseUrl: string;
  outDir: string;
  speed: '1' | 'max';
  headed: boolean;
  chromium: string | undefined;
}

function usageError(message: string): Error {
  return Object.assign(new Error(message), { name: 'CliUsageError' as const });
}

function parse(rest: readonly string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args: [...rest], strict: true, allowPositionals: true, options });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

function httpUrl(flag: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`--${flag} must be a URL such as http://localhost:3000, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(`--${flag} must be an http:// or https:// URL`);
  }
  return value;
}

/** Parses `parcours export …` (the arguments after `export`). */
export function parseExportArgs(rest: readonly string[]): ExportCommand {
  const { values, positionals } = parse(rest, {
    sid: { type: 'string' },
    data: { type: 'string', default: './data' },
    'from-clickhouse': { type: 'string' },
    database: { type: 'string', default: 'parcours' },
    table: { type: 'string', default: 'events' },
    out: { type: 'string' },
  });
  const v = values as Record<string, string | undefined>;
  if (positionals.length) throw usageError(`unexpected argument "${positionals[0]}"`);
  if (!v.sid) throw usageError('export needs --sid <session id>');
  const ch = v['from-clickhouse'];
  return {
    command: 'export',
    sid: v.sid,
    dataDir: v.data || './data',
    clickhouse: ch
      ? { url: httpUrl('from-clickhouse', ch), database: v.database!, table: v.table! }
      : undefined,
    out: v.out,
  };
}

/** Parses `parcours replay <file> …` (the arguments after `replay`). */
export function parseReplayArgs(rest: readonly string[]): ReplayCommand {
  const { values, positionals } = parse(rest, {
    'base-url': { type: 'string' },
    out: { type: 'string', default: './replay-out' },
    speed: { type: 'string', default: 'max' },
    headed: { type: 'boolean', default: false },
    chromium: { type: 'string' },
  });
  const v = values as Record<string, string | boolean | undefined>;
  if (positionals.length !== 1)
    throw usageError('replay needs one session file: parcours replay session.json --base-url URL');
  if (typeof v['base-url'] !== 'string') throw usageError('replay needs --base-url <url>');
  if (v.speed !== '1' && v.speed !== 'max')
    throw usageError(`--speed must be 1 or max, got "${String(v.speed)}"`);
  return {
    command: 'replay',
    file: positionals[0]!,
    baseUrl: httpUrl('base-url', v['base-url']),
    outDir: String(v.out || './replay-out'),
    speed: v.speed,
    headed: v.headed === true,
    chromium: typeof v.chromium === 'string' ? v.chromium : undefined,
  };
}

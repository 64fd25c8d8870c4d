import { parseArgs } from 'node:util';

/** The usage text of the `parcours` CLI. */
export const USAGE = `Usage: parcours <command> [options]

Commands:
  collect   Run the reference collector: validates batches, dedupes on event id,
            appends events to <data>/events.ndjson.
  help      Show this text.

collect options:
  --port <n>         Port to listen on (0 picks a free one)    default 8787
  --host <addr>      Address to bind                            default 127.0.0.1
  --data <dir>       Directory of the NDJSON files              default ./data
  --cors <origins>   Comma-separated allowed origins, or *      default *
  --sites <ids>      Comma-separated allowed siteIds            default any
  --max-body <n>     Largest body in bytes, raw and gunzipped   default 1000000

Example:
  npx parcours collect --port 8787 --cors https://shop.example --sites shop-fr
`;

/** A parsed command line; see {@link parseCliArgs}. */
export type CliCommand =
  | { command: 'help' }
  | {
      command: 'collect';
      port: number;
      host: string;
      dataDir: string;
      cors: string[];
      sites: string[] | undefined;
      maxBodyBytes: number;
    };

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

function list(flag: string, value: string): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (!items.length) throw usageError(`--${flag} needs at least one value`);
  return items;
}

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
        cors: { type: 'string', default: '*' },
        sites: { type: 'string' },
        'max-body': { type: 'string', default: '1000000' },
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
    cors: list('cors', values.cors),
    sites: values.sites === undefined ? undefined : list('sites', values.sites),
    maxBodyBytes: integer('max-body', values['max-body'], 1, 2 ** 31 - 1),
  };
}

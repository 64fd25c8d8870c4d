import { parseArgs } from 'node:util';

/** The `report` part of the CLI usage text. */
export const REPORT_USAGE = `
report options (parcours report [<file or data dir>] [options]):
  <input>             An events NDJSON file, or a data directory (its rotated
                      files, then events.ndjson)                 default ./data
  --clickhouse <url>  Read from ClickHouse instead: the aggregation runs in SQL
  --database <name>   ClickHouse database                        default parcours
  --table <name>      ClickHouse table                           default events
  --from <day>        First UTC day to include, 2026-11-01
  --to <day>          Last UTC day to include (whole day)
  --out <file>        The HTML page to write                     default report.html
`;

/** A parsed `report` command line. */
export interface ReportCommand {
  command: 'report';
  input: string;
  clickhouse: { url: string; database: string; table: string } | undefined;
  from: string | undefined;
  to: string | undefined;
  out: string;
}

function usageError(message: string): Error {
  // The CLI tells usage errors by this name (cli-args.ts isCliUsageError).
  return Object.assign(new Error(message), { name: 'CliUsageError' as const });
}

function day(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  // Date.parse takes 2026-02-31 as 3 March: the day must read back the same.
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(ms) ||
    new Date(ms).toISOString().slice(0, 10) !== value
  ) {
    throw usageError(`--${flag} must be a day such as 2026-11-01, got "${value}"`);
  }
  return value;
}

function identifier(flag: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(value)) {
    throw usageError(
      `--${flag} must be letters, digits and _ (not starting with a digit), got "${value}"`,
    );
  }
  return value;
}

function clickhouseUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {}
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw usageError(
      `--clickhouse must be an http(s) URL such as http://127.0.0.1:8123, got "${value}"`,
    );
  }
  return value;
}

/**
 * Parses the arguments after `report`.
 *
 * @throws a `CliUsageError` on an unknown flag or a bad value.
 */
export function parseReportArgs(args: readonly string[]): ReportCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: true,
      options: {
        clickhouse: { type: 'string' },
        database: { type: 'string', default: 'parcours' },
        table: { type: 'string', default: 'events' },
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string', default: 'report.html' },
      },
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw usageError('report takes one input file or directory');
  const from = day('from', values.from);
  const to = day('to', values.to);
  if (from && to && from > to) throw usageError(`--from ${from} is after --to ${to}`);
  if (!values.out) throw usageError('--out needs a file name');
  return {
    command: 'report',
    input: positionals[0] ?? './data',
    clickhouse:
      values.clickhouse === undefined
        ? undefined
        : {
            url: clickhouseUrl(values.clickhouse),
            database: identifier('database', values.database),
            table: identifier('table', values.table),
          },
    from,
    to,
    out: values.out,
  };
}

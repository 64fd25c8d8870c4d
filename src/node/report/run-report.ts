import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { reportFromClickHouse } from './clickhouse-report.js';
import { reportFromNdjson } from './read-ndjson.js';
import type { ReportCommand } from './report-args.js';
import { renderHtml } from './render-html.js';
import { renderText } from './render-text.js';
import type { ReportData } from './types.js';

/** Where `parcours report` writes, and its environment (ClickHouse credentials). */
export interface ReportIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Runs `parcours report`: aggregates the events (streamed from NDJSON, or in ClickHouse's
 * SQL), prints the terminal summary and writes the HTML page.
 *
 * @returns the exit code: 0 written, 1 the input or the output failed.
 */
export async function runReport(command: ReportCommand, io: ReportIo): Promise<number> {
  const range = { from: command.from, to: command.to };
  const env = io.env ?? process.env;
  let data: ReportData;
  try {
    data = command.clickhouse
      ? await reportFromClickHouse({
          ...command.clickhouse,
          username: env.CLICKHOUSE_USER || undefined,
          password: env.CLICKHOUSE_PASSWORD || undefined,
          range,
        })
      : await reportFromNdjson(command.input, range);
  } catch (error) {
    const what = command.clickhouse ? 'ClickHouse' : command.input;
    io.stderr(`parcours: cannot read ${what}: ${(error as Error).message}\n`);
    return 1;
  }
  const out = resolve(command.out);
  try {
    await writeFile(out, renderHtml(data));
  } catch (error) {
    io.stderr(`parcours: cannot write ${out}: ${(error as Error).message}\n`);
    return 1;
  }
  io.stdout(renderText(data));
  io.stdout(`\nreport written to ${out}\n`);
  return 0;
}

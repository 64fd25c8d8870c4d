import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CliIo } from '../run-cli.js';
import type { ExportCommand, ReplayCommand } from './replay-args.js';
import { reportHtml } from './report-html.js';
import { replaySession } from './runner.js';
import { MAX_SESSION_BYTES, parseSession } from './session-schema.js';
import { checkSid, exportFromClickHouse, exportFromNdjson } from './session-export.js';
import { DIVERGENCE_LABEL } from './step-result.js';

/** `parcours export`: writes the session document. 0 written, 1 not found or unreadable. */
export async function runExport(c: ExportCommand, io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  try {
    checkSid(c.sid);
    const doc = c.clickhouse
      ? await exportFromClickHouse({
          ...c.clickhouse,
          sid: c.sid,
          username: env.CLICKHOUSE_USER || undefined,
          password: env.CLICKHOUSE_PASSWORD || undefined,
        })
      : await exportFromNdjson(c.dataDir, c.sid);
    const json = `${JSON.stringify(doc, null, 1)}\n`;
    if (c.out) {
      await writeFile(c.out, json);
      io.stderr(`wrote ${doc.events.length} events of session ${c.sid} to ${c.out}\n`);
    } else io.stdout(json);
    return 0;
  } catch (error) {
    io.stderr(`parcours export: ${(error as Error).message}\n`);
    return 1;
  }
}

/**
 * `parcours replay`: replays the session, writes `<out>/index.html` and `<out>/result.json`.
 * 0 every step passed (or was skipped), 1 a step diverged, 2 the file cannot be replayed.
 */
export async function runReplay(c: ReplayCommand, io: CliIo): Promise<number> {
  let doc;
  try {
    if ((await stat(c.file)).size > MAX_SESSION_BYTES)
      throw new Error(`${c.file} is over ${MAX_SESSION_BYTES} bytes`);
    doc = parseSession(await readFile(c.file, 'utf8'));
  } catch (error) {
    io.stderr(`parcours replay: ${c.file}: ${(error as Error).message}\n`);
    return 2;
  }
  let result;
  try {
    result = await replaySession(doc, {
      baseUrl: c.baseUrl,
      outDir: c.outDir,
      headed: c.headed,
      speed: c.speed,
      chromium: c.chromium,
      onStep: (r) =>
        io.stdout(
          `${String(r.n).padStart(3)} ${r.status.padEnd(8)} ${r.action}` +
            `${r.reason ? ` — ${DIVERGENCE_LABEL[r.reason]}: ${r.detail}` : ''}\n`,
        ),
    });
  } catch (error) {
    io.stderr(`parcours replay: ${(error as Error).message}\n`);
    return 2;
  }
  await writeFile(join(c.outDir, 'index.html'), reportHtml(result));
  await writeFile(join(c.outDir, 'result.json'), `${JSON.stringify(result, null, 1)}\n`);
  io.stdout(
    `${result.passed} passed, ${result.diverged} diverged, ${result.skipped} skipped; report: ${resolve(c.outDir, 'index.html')}\n`,
  );
  return result.diverged ? 1 : 0;
}

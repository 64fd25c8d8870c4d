// The `parcours` bin (bin/parcours.mjs imports the build of this file): wires the process to runCli.
import { runCli } from './run-cli.js';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => controller.abort());
}

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`parcours: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);

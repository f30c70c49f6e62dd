/**
 * The `helpdesk-metrics` bin (dist/cli.js): runs the command line on this process and exits with its code.
 * Only src/cli/ and src/node/ use Node built-ins; the library's entry points import none (decision 36).
 *
 * @internal
 * @module
 */
import { runCli } from './command.js';

const code = await runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  now: () => Date.now(),
});
// Let stdout drain (a pipe) before the process ends.
process.exitCode = code;

/**
 * Runs one scenario of scenarios.ts in this process (see runBounded in harness.ts): builds its input, prints
 * `READY` (the parent starts the deadline then), runs it and prints its outcome as one JSON line. Not a test
 * file.
 */
import { MetricsError } from '../../src/index.js';
import { SCENARIOS } from './scenarios.js';

const [name = '', argJson = 'null'] = process.argv.slice(2);
const scenario = SCENARIOS[name];
if (scenario === undefined) throw new Error(`no scenario ${name}`);
const input = scenario.prepare(JSON.parse(argJson) as never);
process.stdout.write('READY\n');
let line: string;
try {
  const value = scenario.run(input as never);
  line = JSON.stringify({ ok: true, value }, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
} catch (e) {
  const err = e as { name?: string; code?: string; field?: string; message?: string } | null;
  line = JSON.stringify({ ok: false, metrics: e instanceof MetricsError, name: err?.name ?? typeof e, code: err?.code, field: err?.field, message: String(err?.message ?? e) });
}
process.stdout.write(`${line}\n`);

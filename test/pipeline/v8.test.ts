/**
 * The V8 measures of the driver (src/pipeline/driver.ts, decision 14) must keep the optimised code of the
 * metric loops alive across garbage collections. This runs call and ticket metrics in a child process under
 * `node --expose-gc --trace-deopt`, with a full collection before every round, and counts the loops (and the
 * steps and accumulators inlined into them) thrown away for "weak objects" after the first two rounds: there
 * must be none. (Before the driver kept an idle Run, its params and the latest accumulators, every round after
 * a collection deoptimised them: 2–3 per round.)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./v8.script.ts', import.meta.url));
/** Functions of the driver's loops, the readers, the collectors and the steps the script runs. */
const OURS = new Set(['plain', 'full', 'batch', 'read', 'readFully', 'add', 'exclude', 'idOf', 'classify', 'answerWait', 'measure', 'waitOf', 'clockStart', 'outsidePeriod']);

describe('V8: optimised code survives garbage collections (decision 14)', () => {
  it('no metric loop is deoptimised for weak objects after the first rounds', () => {
    const run = spawnSync(process.execPath, ['--expose-gc', '--trace-deopt', '--import', 'tsx', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 110_000 });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    const start = lines.findIndex((l) => l === 'round 1');
    expect(start).toBeGreaterThan(0);
    const lost = lines
      .slice(start)
      .filter((l) => l.includes('reason: weak objects'))
      .map((l) => /SharedFunctionInfo ([\w$]+)>/.exec(l)?.[1])
      .filter((name): name is string => name !== undefined && OURS.has(name));
    expect(lost).toEqual([]);
    expect(lines).toContain('round 11');
  }, 120_000);
});

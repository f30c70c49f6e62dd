/**
 * Importing one metric must not pull in the others. Bundles `import { firstResponseTime } from
 * 'helpdesk-metrics'` with esbuild (minified, as an application would), checks that no other public
 * function's name (each metric names itself in its error messages) is in the bundle, and holds the bundle to
 * a byte budget. Runs on the built package (dist/) when it exists, and on the sources always.
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
/**
 * Bytes. firstResponseTime with the shared pipeline (reader, driver, breakdowns, option readers), plus decimal.js
 * (about 32 kB minified). 56 kB before the pipeline (2026-12-02: 75 kB with `by` and prepared sets).
 */
const BUDGET_BYTES = 80_000;

async function bundle(entry: string, name: string): Promise<string> {
  const out = await build({
    stdin: { contents: `import { ${name} } from ${JSON.stringify(entry)}; globalThis.use = ${name};`, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

const metricNames = Object.entries(lib)
  .filter(([name, v]) => typeof v === 'function' && /^[a-z]/.test(name))
  .map(([name]) => name);

const entries: [string, string][] = [['sources', `${root}/src/index.ts`]];
if (existsSync(`${root}/dist/index.js`)) entries.push(['built package', `${root}/dist/index.js`]);

describe.each(entries)('tree-shaking (%s)', (_label, entry) => {
  it('firstResponseTime alone stays within its byte budget and carries no other metric', async () => {
    const code = await bundle(entry, 'firstResponseTime');
    console.log(`firstResponseTime bundle (${_label}): ${code.length} bytes (budget ${BUDGET_BYTES})`);
    expect(code.length).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(code).toContain('"firstResponseTime"');
    const leaked = metricNames.filter((n) => n !== 'firstResponseTime' && (code.includes(`"${n}"`) || code.includes(`'${n}'`) || code.includes(`\`${n}`)));
    expect(leaked).toEqual([]);
  });

  it('every other metric is importable on its own too', async () => {
    for (const name of metricNames) {
      const code = await bundle(entry, name);
      const leaked = metricNames.filter(
        (n) => n !== name && !name.startsWith(n) && !sharesImplementation(name, n) && (code.includes(`"${n}"`) || code.includes(`'${n}'`)),
      );
      expect({ name, leaked }).toEqual({ name, leaked: [] });
    }
  }, 60_000); // one esbuild bundle per public function: seconds on a busy machine
});

/**
 * Pairs where the other name legitimately appears: a function documented as built on the other (backlog's
 * and queueSnapshot's bucket labels are ageBucketLabels, exported from backlog's module), or a result
 * field that shares a metric's name (requiredAgents names its binding targets 'serviceLevel' and
 * 'averageSpeedOfAnswer').
 */
function sharesImplementation(importer: string, other: string): boolean {
  const builtOn: Record<string, string[]> = {
    averageResolutionTime: ['resolutionTime'],
    backlog: ['ageBucketLabels'], // its byAge keys; ageBucketLabels names itself when it rejects edges
    queueSnapshot: ['ageBucketLabels'], // its byWait keys, the same labels as backlog's byAge
    requiredAgents: ['serviceLevel', 'averageSpeedOfAnswer'],
  };
  return (builtOn[importer] ?? []).includes(other);
}

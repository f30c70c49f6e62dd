/**
 * The packed tarball, installed as a user installs it: `npm pack` of the built package, `npm install` of the
 * tarball into a scratch project (offline: decimal.js comes from a tarball of the locked copy), then
 * - the files of every entry point and bin are there, and the package imports and requires under Node with the
 *   same exports as dist/; every bin runs with `npx` (`npm exec`), offline;
 * - TypeScript consumers type-check against it with `skipLibCheck: false` under NodeNext ESM, NodeNext CJS and
 *   Bundler resolution (and NodeNext ESM with `skipLibCheck: true`, where a broken type silently becomes
 *   `any`): a money field must be decimal.js's `Decimal` (the consumer's own import), not `any` nor an error;
 *   every subpath of `exports` must resolve to types; browser entries compile without Node's types.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binEntries, entryPoints, installInScratchProject, missingPackageFiles, npm, pack, pkg, root, run, runtimeReports, scratchDir, writeFile } from './support.js';

const SETUP_TIMEOUT_MS = 120_000;
const TSC_TIMEOUT_MS = 120_000;

/** The consumer: a Decimal-typed result field used as decimal.js's Decimal, and misused once. */
const CONSUMER = `import { costPerContact, type CostPerContactResult } from ${JSON.stringify(pkg.name)};
import type { Decimal } from 'decimal.js';

const result: CostPerContactResult = costPerContact([{ amount: '10.00', currency: 'EUR' }], 3);
// decimal.js's own Decimal, imported by the consumer: the library's money type must be that class.
const cpc: Decimal | undefined = result.costPerContact;
export const text: string | undefined = cpc?.toFixed(2);
// @ts-expect-error a Decimal is not a number; no error here means the library's Decimal degraded to \`any\`
export const wrong: number | undefined = result.costPerContact;
`;

interface Mode {
  readonly name: string;
  readonly type: 'module' | 'commonjs';
  readonly module: string;
  readonly moduleResolution: string;
  readonly skipLibCheck: boolean;
}

const MODES: readonly Mode[] = [
  { name: 'nodenext-esm', type: 'module', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: false },
  { name: 'nodenext-cjs', type: 'commonjs', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: false },
  { name: 'bundler', type: 'module', module: 'ESNext', moduleResolution: 'Bundler', skipLibCheck: false },
  { name: 'nodenext-esm-skiplibcheck', type: 'module', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true },
];

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
/** Made in beforeAll (not at import: `vitest list` would leave it behind). */
let scratch: ReturnType<typeof scratchDir> | undefined;
let project = '';

/** An import of every entry point (CJS: those with a `require` condition), so that each must have types. */
function entriesSource(mode: Mode, browser: boolean): string {
  const entries = entryPoints().filter((e) => e.browser === browser && (mode.type === 'module' || e.requireTarget !== undefined));
  const lines = entries.map((e, i) => `import * as entry${i} from ${JSON.stringify(e.specifier)};`);
  return `${lines.join('\n')}\nexport const entries: readonly object[] = [${entries.map((_, i) => `entry${i}`).join(', ')}];\n`;
}

function writeMode(mode: Mode): string[] {
  const dir = join(project, mode.name);
  writeFile(join(dir, 'package.json'), JSON.stringify({ private: true, type: mode.type }));
  writeFile(join(dir, 'consumer.ts'), CONSUMER);
  writeFile(join(dir, 'browser-entries.ts'), entriesSource(mode, true));
  const compilerOptions = {
    module: mode.module,
    moduleResolution: mode.moduleResolution,
    target: 'ES2022',
    lib: ['ES2022'],
    strict: true,
    skipLibCheck: mode.skipLibCheck,
    noEmit: true,
    types: [] as string[],
  };
  // Browser entries compile without Node's types (none are installed here).
  writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts', 'browser-entries.ts'] }, null, 2));
  const configs = ['tsconfig.json'];
  if (entryPoints().some((e) => !e.browser)) {
    // Node entries get Node's types, as their users have them (this repository's @types/node).
    writeFile(join(dir, 'node-entries.ts'), entriesSource(mode, false));
    const nodeOptions = { ...compilerOptions, types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] };
    writeFile(join(dir, 'tsconfig.node.json'), JSON.stringify({ compilerOptions: nodeOptions, files: ['node-entries.ts'] }, null, 2));
    configs.push('tsconfig.node.json');
  }
  return configs.map((c) => join(dir, c));
}

let installed = '';

beforeAll(async () => {
  scratch = scratchDir('consumer');
  project = join(scratch.dir, 'project');
  const { tarball } = await pack(root, scratch.dir);
  installed = await installInScratchProject(project, scratch.dir, `file:${tarball}`);
}, SETUP_TIMEOUT_MS);

afterAll(() => scratch?.remove());

describe('the packed tarball, installed', () => {
  it('holds every file its exports and bins name', () => {
    expect(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'))).toMatchObject({ name: pkg.name, version: pkg.version });
    expect(missingPackageFiles(installed)).toEqual([]);
  }, SETUP_TIMEOUT_MS);

  it('imports and requires under Node, with the exports of dist/', async () => {
    const { actual, expected } = await runtimeReports(project);
    expect(actual).toEqual(expected);
  }, SETUP_TIMEOUT_MS);

  it('runs its bins with npx, offline (the CLI needs nothing beyond the runtime dependencies)', async () => {
    const tickets = join(root, 'examples', 'data', 'tickets.json');
    for (const [name] of binEntries()) {
      const { stdout } = await run(npm, ['exec', '--offline', '--no', '--', name, 'report', tickets, '--at', '2026-02-01T00:00:00Z', '--format', 'json', '--quiet'], project);
      const report = JSON.parse(stdout) as { tool: string; input: { tickets: number } };
      expect({ name, tool: report.tool, tickets: report.input.tickets }).toEqual({ name, tool: pkg.name, tickets: 400 });
    }
  }, SETUP_TIMEOUT_MS);
});

describe.each(MODES.map((m) => [m.name, m] as const))('TypeScript consumer (%s)', (_name, mode) => {
  it(`type-checks with skipLibCheck: ${mode.skipLibCheck}, money typed as decimal.js's Decimal`, async () => {
    for (const config of writeMode(mode)) {
      const result = await run(process.execPath, [tsc, '-p', config, '--pretty', 'false'], project).then(
        () => '',
        (e: Error) => e.message,
      );
      expect(result).toBe('');
    }
  }, TSC_TIMEOUT_MS);
});

/**
 * Importing one function must not pull in the others, and the entry points import decimal.js and nothing
 * else at run time. One esbuild build (minified, bundled, as an application would) of one virtual entry per
 * exported function of every entry point in package.json `exports`, plus one entry per entry point that
 * imports all of it (ESM) and one that requires all of it (CJS). Checks on the built package (dist/):
 * - every entry point bundles only its own built files and the runtime dependencies (decimal.js); a browser
 *   entry (every subpath but `./node`) imports no `node:` built-in, a Node entry only `node:` built-ins;
 * - no other function's name (each metric names itself in its error messages) is in a one-function bundle;
 * - `firstResponseTime` alone stays within a byte budget.
 * The names come from the built files, so a new export or a new subpath is covered without editing this.
 */
import { build, type Metafile, type OutputFile, type Plugin } from 'esbuild';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtFile, entryPoints, root, RUNTIME_DEPENDENCIES, type EntryPoint } from './support.js';

/**
 * Bytes. firstResponseTime with the shared pipeline (reader, driver, breakdowns, option readers), plus decimal.js
 * (about 32 kB minified). 56 kB before the pipeline (2026-12-02: 75 kB with `by` and prepared sets; 81 kB once
 * the shared reader validates the vendor summary extras of issue 15 and counts public messages by author, all
 * of it on firstResponseTime's own read path: decimal.js 32 kB, the reader 10 kB, breakdowns 6 kB, the columns
 * 3.5 kB, the driver 3 kB, time zones and timestamps 5 kB, the metric itself 2 kB).
 */
const BUDGET_BYTES = 85_000;
const TIMEOUT_MS = 60_000;

/** What one virtual entry compiles to, and what esbuild says it is made of. */
interface Bundle {
  readonly code: string;
  /** Bundled files, relative to the repository root with `/` separators. */
  readonly inputs: readonly string[];
  /** Imports left external (every bare specifier other than a runtime dependency). */
  readonly externals: readonly string[];
}

interface EntryExports {
  readonly entry: EntryPoint;
  readonly esm: Readonly<Record<string, unknown>>;
  readonly cjs: Readonly<Record<string, unknown>> | undefined;
  /** The exported functions named like metrics (lower-case first letter). */
  readonly functions: readonly string[];
}

const entries = entryPoints();
const require = createRequire(import.meta.url);
let exportsOf: EntryExports[] = [];
const bundles = new Map<string, Bundle>();

/** Kinds of the whole-entry bundles; not identifiers, so no export can take their key (no `*`: esbuild globs it). */
const WHOLE_IMPORT = ':import';
const WHOLE_REQUIRE = ':require';
const keyOf = (subpath: string, kind: string): string => `virtual:${subpath}#${kind}`;

/** Resolves the virtual entries, and leaves every bare specifier but the runtime dependencies external. */
const virtualEntries = (sources: ReadonlyMap<string, string>): Plugin => ({
  name: 'virtual-entries',
  setup(b) {
    b.onResolve({ filter: /^virtual:/ }, (args) => ({ path: args.path, namespace: 'virtual' }));
    b.onLoad({ filter: /.*/, namespace: 'virtual' }, (args) => ({ contents: sources.get(args.path)!, resolveDir: root, loader: 'js' }));
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.path.startsWith('.') || isAbsolute(args.path)) return undefined;
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0]!;
      return RUNTIME_DEPENDENCIES.includes(name) ? undefined : { path: args.path, external: true };
    });
  },
});

beforeAll(async () => {
  exportsOf = await Promise.all(
    entries.map(async (entry) => {
      const esm = (await import(pathToFileURL(builtFile(entry.importTarget!)).href)) as Record<string, unknown>;
      const cjs = entry.requireTarget === undefined ? undefined : (require(builtFile(entry.requireTarget)) as Record<string, unknown>);
      const functions = Object.keys(esm).filter((n) => typeof esm[n] === 'function' && /^[a-z]/.test(n));
      return { entry, esm, cjs, functions };
    }),
  );
  const sources = new Map<string, string>();
  for (const { entry, functions } of exportsOf) {
    const file = JSON.stringify(builtFile(entry.importTarget!));
    sources.set(keyOf(entry.subpath, WHOLE_IMPORT), `import * as all from ${file}; globalThis.use = all;`);
    if (entry.requireTarget !== undefined) sources.set(keyOf(entry.subpath, WHOLE_REQUIRE), `globalThis.use = require(${JSON.stringify(builtFile(entry.requireTarget))});`);
    for (const name of functions) sources.set(keyOf(entry.subpath, name), `import { ${name} } from ${file}; globalThis.use = ${name};`);
  }
  const keys = [...sources.keys()];
  const out = await build({
    entryPoints: keys.map((key, i) => ({ in: key, out: `e${i}` })),
    absWorkingDir: root,
    outdir: join(root, '.treeshake-out'), // never written: write: false
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [virtualEntries(sources)],
  });
  const metafile: Metafile = out.metafile;
  const files = new Map<string, OutputFile>(out.outputFiles.map((f) => [relative(root, f.path).split(sep).join('/'), f]));
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (output.entryPoint === undefined) continue;
    bundles.set(output.entryPoint.replace(/^virtual:virtual:/, 'virtual:'), {
      code: files.get(path)!.text,
      inputs: Object.keys(output.inputs).filter((p) => !p.startsWith('virtual:')),
      externals: output.imports.filter((i) => i.external).map((i) => i.path),
    });
  }
  expect(bundles.size).toBe(keys.length);
}, TIMEOUT_MS);

function bundleOf(subpath: string, kind: string): Bundle {
  const b = bundles.get(keyOf(subpath, kind));
  if (b === undefined) throw new Error(`no bundle for ${keyOf(subpath, kind)} (have ${[...bundles.keys()].slice(0, 3).join(', ')}, ...)`);
  return b;
}

/** Other names of `names` that appear in `code` as string literals (or at the start of a template). */
function leakedNames(code: string, name: string, names: readonly string[]): string[] {
  return names.filter(
    (n) => n !== name && !name.startsWith(n) && !sharesImplementation(name, n) && (code.includes(`"${n}"`) || code.includes(`'${n}'`) || code.includes(`\`${n}`)),
  );
}

/** Built files of the package and the runtime dependencies' files: what a bundle may be made of. */
function isAllowedInput(path: string): boolean {
  if (path.startsWith('dist/')) return true;
  return RUNTIME_DEPENDENCIES.some((d) => path.startsWith(`node_modules/${d}/`));
}

describe.each(entries.map((e) => [e.subpath, e] as const))('entry point %s (built package)', (subpath, entry) => {
  it('exports the same names from its ESM and CJS builds', () => {
    const e = exportsOf.find((x) => x.entry.subpath === subpath)!;
    expect(Object.keys(e.esm).length).toBeGreaterThan(0);
    if (e.cjs !== undefined) expect(Object.keys(e.cjs).filter((n) => n !== '__esModule').sort()).toEqual(Object.keys(e.esm).sort());
  }, TIMEOUT_MS);

  it.each([WHOLE_IMPORT, WHOLE_REQUIRE])('bundled whole (%s) it imports only its own files and decimal.js', (kind) => {
    if (kind === WHOLE_REQUIRE && entry.requireTarget === undefined) return;
    const b = bundleOf(subpath, kind);
    expect(b.inputs.filter((p) => !isAllowedInput(p))).toEqual([]);
    expect(b.inputs.some((p) => p.startsWith('node_modules/decimal.js/'))).toBe(true);
    if (entry.browser) expect(b.externals).toEqual([]);
    else expect(b.externals.filter((s) => !s.startsWith('node:'))).toEqual([]);
  }, TIMEOUT_MS);

  it('every function is importable on its own, without another function of the entry', () => {
    const { functions } = exportsOf.find((x) => x.entry.subpath === subpath)!;
    for (const name of functions) {
      const leaked = leakedNames(bundleOf(subpath, name).code, name, functions);
      expect({ name, leaked }).toEqual({ name, leaked: [] });
    }
  }, TIMEOUT_MS);
});

describe('tree-shaking of the main entry (built package)', () => {
  it('firstResponseTime alone stays within its byte budget and carries no other metric', () => {
    const { functions } = exportsOf.find((x) => x.entry.subpath === '.')!;
    expect(functions).toContain('firstResponseTime');
    expect(functions.length).toBeGreaterThan(20);
    const { code } = bundleOf('.', 'firstResponseTime');
    console.log(`firstResponseTime bundle: ${code.length} bytes (budget ${BUDGET_BYTES})`);
    expect(code.length).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(code).toContain('"firstResponseTime"');
    expect(leakedNames(code, 'firstResponseTime', functions)).toEqual([]);
  }, TIMEOUT_MS);

  it("an importer carries no other vendor's code", () => {
    // A string only each vendor's importer holds (its vocabulary or its record types).
    const markers: Record<string, string> = {
      fromZendesk: 'closed_by_merge',
      fromFreshdesk: 'waiting_on_third_party',
      fromIntercom: 'admin_initiated',
      fromHelpScout: 'forwardparent',
      fromChatwoot: 'channel::webwidget',
    };
    const { functions } = exportsOf.find((x) => x.entry.subpath === '.')!;
    const owner = (name: string): string | undefined => Object.keys(markers).find((v) => name.startsWith(v));
    for (const name of functions.filter((n) => n.startsWith('from'))) {
      const { code } = bundleOf('.', name);
      const foreign = Object.entries(markers).filter(([v, mk]) => v !== owner(name) && code.includes(mk)).map(([v]) => v);
      expect({ name, foreign }).toEqual({ name, foreign: [] });
    }
  }, TIMEOUT_MS);
});

/**
 * Pairs where the other name legitimately appears: a function documented as built on the other (backlog's
 * and queueSnapshot's bucket labels are ageBucketLabels, exported from backlog's module), or a result
 * field that shares a metric's name (requiredAgents names its binding targets 'serviceLevel' and
 * 'averageSpeedOfAnswer').
 */
function sharesImplementation(importer: string, other: string): boolean {
  // A plan names its metrics by their export names (to cross threads): the functions that read plans carry every
  // incremental metric (decision 52). startMetric and resumeMetric take the function and carry only it.
  if (['startMetrics', 'resumeMetrics', 'runMetrics'].includes(importer)) return true;
  const builtOn: Record<string, string[]> = {
    averageResolutionTime: ['resolutionTime'],
    backlog: ['ageBucketLabels'], // its byAge keys; ageBucketLabels names itself when it rejects edges
    queueSnapshot: ['ageBucketLabels'], // its byWait keys, the same labels as backlog's byAge
    requiredAgents: ['serviceLevel', 'averageSpeedOfAnswer'],
  };
  return (builtOn[importer] ?? []).includes(other);
}

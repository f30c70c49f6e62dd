/**
 * The layers of docs/architecture.md: imports run one way, from the bottom up. Every relative import in src/ is
 * read and its target's layer must be at or below the importing file's layer; only src/cli/ and src/node/ may
 * import Node built-ins; the library's files import decimal.js and nothing else from outside.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** The layers, bottom first; a file's layer is the first whose test matches its path (relative to src/). */
const LAYERS: ReadonlyArray<readonly [string, (path: string) => boolean]> = [
  ['model', (p) => p.startsWith('model/')],
  ['results', (p) => p.startsWith('results/')],
  ['primitives', (p) => p.startsWith('_lib/') || p === 'calendar/timeZone.ts' || p.startsWith('options/')],
  ['readers', (p) => p.startsWith('read/')],
  ['calendar', (p) => p.startsWith('calendar/')],
  ['pipeline', (p) => p.startsWith('pipeline/')],
  ['metrics', (p) => p.startsWith('metrics/') || p.startsWith('queueing/') || p.startsWith('import/')],
  // The incremental API runs any metric (pipeline/incremental.ts, listed below), and the root entry exports all.
  ['incremental', (p) => p === 'index.ts'],
  ['node', (p) => p.startsWith('node/') || p.startsWith('cli/')],
];

/**
 * Files of src/_lib that are readers, not primitives (they read records into facts), and the result builders
 * that live in results/ because the result types and their one builder are kept together (decision 4): these
 * may import the primitives below... listed here so that the rule stays exact for everything else.
 */
const LAYER_OF_FILE: Readonly<Record<string, string>> = {
  '_lib/surveys.ts': 'readers',
  '_lib/customers.ts': 'readers',
  '_lib/calls.ts': 'readers',
  '_lib/buckets.ts': 'calendar',
  '_lib/tickets.ts': 'primitives',
  // The rate and duration-summary builders use the exact arithmetic; nothing below them imports them.
  'results/rate.ts': 'primitives',
  'results/durationSummary.ts': 'primitives',
  // The incremental API drives the metrics' own functions over chunks (decision 52): it sits above them.
  'pipeline/incremental.ts': 'incremental',
};

function layerOf(path: string): number {
  const named = LAYER_OF_FILE[path];
  if (named !== undefined) return LAYERS.findIndex(([n]) => n === named);
  const i = LAYERS.findIndex(([, test]) => test(path));
  if (i < 0) throw new Error(`${path} is in no layer of docs/architecture.md`);
  return i;
}

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full));
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

interface Import {
  readonly from: string;
  readonly spec: string;
  readonly typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  // Comments out (JSDoc examples import from 'helpdesk-metrics'): block comments, then line comments.
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: Import[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push({ from: relative(src, file), spec: m[3] as string, typeOnly: m[2] !== undefined });
  const bare = /^\s*import\s+['"]([^'"]+)['"]/gm;
  for (let m = bare.exec(text); m !== null; m = bare.exec(text)) out.push({ from: relative(src, file), spec: m[1] as string, typeOnly: false });
  return out;
}

const all = files(src).flatMap(importsOf);

describe('architecture', () => {
  it('imports run one way: model → results → primitives → readers → calendar → pipeline → metrics → incremental → node/cli', () => {
    const wrong: string[] = [];
    for (const imp of all) {
      if (!imp.spec.startsWith('.')) continue;
      const target = relative(src, resolve(dirname(join(src, imp.from)), imp.spec)).replace(/\.js$/, '.ts');
      const a = layerOf(imp.from);
      const b = layerOf(target);
      if (b > a) wrong.push(`${imp.from} (${LAYERS[a]?.[0]}) imports ${target} (${LAYERS[b]?.[0]})${imp.typeOnly ? ' [type]' : ''}`);
    }
    expect(wrong).toEqual([]);
  });

  it('only src/cli and src/node use Node built-ins; the library imports decimal.js and nothing else from outside', () => {
    const wrong: string[] = [];
    for (const imp of all) {
      if (imp.spec.startsWith('.')) continue;
      const node = imp.from.startsWith('cli/') || imp.from.startsWith('node/');
      if (node) continue;
      if (imp.spec !== 'decimal.js') wrong.push(`${imp.from} imports ${imp.spec}`);
    }
    expect(wrong).toEqual([]);
  });
});

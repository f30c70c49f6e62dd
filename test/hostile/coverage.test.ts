/**
 * The hostile suite covers every public value: each function or class exported by src/index.ts is in the
 * registry, its area file has a `describeHostile('<name>', …)` block, and the registry's option keys are
 * exactly the properties of the function's documented options type (read with the TypeScript compiler), so
 * that the misspelling checks cover every option, including ones added later.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { REGISTRY, TYPE_KEYS } from './registry.js';

const here = (f: string): string => fileURLToPath(new URL(f, import.meta.url));
const runtimeExports = Object.entries(api)
  .filter(([, v]) => typeof v === 'function')
  .map(([k]) => k)
  .sort();

describe('hostile suite coverage', () => {
  it('every exported function and class is in the registry, and every registry entry is exported', () => {
    const missing = runtimeExports.filter((k) => !Object.prototype.hasOwnProperty.call(REGISTRY, k));
    const stale = Object.keys(REGISTRY).filter((k) => !runtimeExports.includes(k));
    expect(missing, 'exports without hostile coverage').toEqual([]);
    expect(stale, 'registry entries that are not exported functions or classes').toEqual([]);
    expect(runtimeExports.length).toBeGreaterThanOrEqual(32);
  });

  it("each registered name has a describeHostile block in its area's file", () => {
    const sources = new Map<string, string>();
    const absent: string[] = [];
    for (const [name, entry] of Object.entries(REGISTRY)) {
      let src = sources.get(entry.area);
      if (src === undefined) {
        src = readFileSync(here(`./${entry.area}.test.ts`), 'utf8');
        sources.set(entry.area, src);
      }
      if (!src.includes(`describeHostile('${name}'`)) absent.push(`${name} (${entry.area}.test.ts)`);
    }
    expect(absent).toEqual([]);
  });

  it("the registry's option keys are the properties of each documented options type", () => {
    const index = here('../../src/index.ts');
    const program = ts.createProgram([index], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      exactOptionalPropertyTypes: true,
      types: [],
    });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(index);
    if (source === undefined) throw new Error('src/index.ts not found');
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) throw new Error('src/index.ts has no module symbol');
    const types = new Map<string, string[]>();
    for (const e of checker.getExportsOfModule(moduleSymbol)) {
      const sym = e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e;
      if (!(sym.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) continue;
      types.set(e.getName(), checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(sym)).map((p) => p.getName()).sort());
    }
    const wrong: string[] = [];
    for (const [name, entry] of Object.entries(REGISTRY)) {
      if (entry.optionsType === undefined) continue;
      const actual = types.get(entry.optionsType);
      const listed = [...(entry.optionKeys ?? [])].sort();
      if (actual === undefined) wrong.push(`${name}: ${entry.optionsType} is not exported`);
      else if (JSON.stringify(actual) !== JSON.stringify(listed)) wrong.push(`${name}: ${entry.optionsType} has ${actual.join(', ')}; the registry lists ${listed.join(', ')}`);
    }
    for (const [typeName, keys] of Object.entries(TYPE_KEYS)) {
      const actual = types.get(typeName);
      if (actual === undefined || JSON.stringify(actual) !== JSON.stringify([...keys].sort())) {
        wrong.push(`${typeName} has ${actual?.join(', ') ?? '(not exported)'}; the registry lists ${[...keys].sort().join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});

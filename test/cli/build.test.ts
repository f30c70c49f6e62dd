/**
 * How the bin is built (decision 36): dist/cli.js imports the library as the built `./index.js` beside it (no
 * second copy of the library), and otherwise only Node built-ins (csv-parse and the chart code are inlined);
 * the dashboard's chart code is inside it, so the HTML needs nothing at run time.
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pkg } from '../packaging/support.js';
import { root } from './support.js';

describe('dist/cli.js', () => {
  const code = readFileSync(join(root, 'dist', 'cli.js'), 'utf8');

  it('is the package bin, with a shebang', () => {
    expect(pkg.bin).toEqual({ 'helpdesk-metrics': './dist/cli.js' });
    expect(code.startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('imports the built library and Node built-ins only', () => {
    const specifiers = [...code.matchAll(/^\s*import\s[^'"]*?from\s*["']([^"']+)["']/gm)].map((m) => m[1]!);
    expect(specifiers).toContain('./index.js');
    expect(specifiers.filter((s) => s !== './index.js' && !builtinModules.includes(s.replace(/^node:/, '')))).toEqual([]);
    // An importer's vocabulary (src/import/zendesk) would be here if the library were bundled a second time.
    expect(code).not.toContain('closed_by_merge');
  });

  it('carries the chart code for the dashboard', () => {
    expect(code).toContain('aria-label');
    expect(code.length).toBeGreaterThan(200_000);
  });
});

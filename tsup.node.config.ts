/**
 * The Node entry (`helpdesk-metrics/node`, src/node/ → dist/node/index.{js,cjs} with its types, and the worker
 * dist/node/worker.js), built after the library (tsup.config.ts) so that its `clean` cannot remove it. The
 * library is not bundled again: an import of src/index.ts from src/node/ becomes an import of the built root
 * entry (`../index.js` from ESM, `../index.cjs` from CommonJS), so `MetricsError` is one class for the caller
 * and the Node entry. The worker is ESM only (both builds start the same dist/node/worker.js).
 */
import { resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

const LIBRARY_ENTRY = resolve('src/index.ts');

const rootExternal = (target: string): Plugin => ({
  name: 'helpdesk-metrics-root-external',
  setup(b) {
    b.onResolve({ filter: /(^|\/)index\.js$/ }, (args) => {
      if (!args.importer || !args.path.startsWith('.')) return undefined;
      const file = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      return file === LIBRARY_ENTRY ? { path: target, external: true } : undefined;
    });
  },
});

const common: Options = {
  // The types too import the root entry's (dist/node/index.d.ts → ../index.js), not a copy of them.
  external: [/^\.\.\/index\.js$/],
  platform: 'node',
  target: 'node18',
  // Keep `node:` in the built imports (tsup strips it by default): the packaging tests tell Node built-ins by it.
  removeNodeProtocol: false,
  sourcemap: false,
  clean: false,
  splitting: false,
  treeshake: true,
  outDir: 'dist/node',
};

export default defineConfig([
  { ...common, entry: { index: 'src/node/index.ts' }, format: ['esm'], dts: true, esbuildPlugins: [rootExternal('../index.js')] },
  { ...common, entry: { index: 'src/node/index.ts' }, format: ['cjs'], dts: true, shims: true, esbuildPlugins: [rootExternal('../index.cjs')] },
  { ...common, entry: { worker: 'src/node/worker.ts' }, format: ['esm'], dts: false, esbuildPlugins: [rootExternal('../index.js')] },
]);

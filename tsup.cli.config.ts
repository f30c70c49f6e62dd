/**
 * The command line (`helpdesk-metrics`, src/cli/main.ts → dist/cli.js), built after the library (tsup.config.ts)
 * so that its `clean` cannot remove it. Two things happen at build time:
 * - the library is not bundled a second time: an import of src/index.ts from the CLI becomes an import of the
 *   built `./index.js` beside it, so the bin runs the very code the package exports (and decimal.js once);
 * - the dashboard's browser code (src/cli/dashboard/client.ts with Observable Plot and d3) is bundled for the
 *   browser, minified, and inlined into the CLI as a string (`virtual:dashboard-client`), so the HTML it writes
 *   opens offline and the chart library is no runtime dependency of the package.
 * csv-parse is bundled into dist/cli.js too (a devDependency): the package keeps decimal.js as its only
 * runtime dependency.
 */
import { build, type Plugin } from 'esbuild';
import { resolve } from 'node:path';
import { defineConfig } from 'tsup';

const LIBRARY_ENTRY = resolve('src/index.ts');

const cliBuild: Plugin = {
  name: 'helpdesk-metrics-cli',
  setup(b) {
    b.onResolve({ filter: /(^|\/)index\.js$/ }, (args) => {
      if (!args.importer || !args.path.startsWith('.')) return undefined;
      const target = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      return target === LIBRARY_ENTRY ? { path: './index.js', external: true } : undefined;
    });
    b.onResolve({ filter: /^virtual:dashboard-client$/ }, (args) => ({ path: args.path, namespace: 'dashboard' }));
    b.onLoad({ filter: /.*/, namespace: 'dashboard' }, async () => {
      const out = await build({
        entryPoints: ['src/cli/dashboard/client.ts'],
        bundle: true,
        minify: true,
        format: 'iife',
        platform: 'browser',
        target: 'es2020',
        legalComments: 'eof',
        write: false,
        logLevel: 'silent',
      });
      const code = out.outputFiles[0]!.text;
      return { contents: `export default ${JSON.stringify(code)};`, loader: 'js' };
    });
  },
};

export default defineConfig({
  entry: { cli: 'src/cli/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node18',
  dts: false,
  sourcemap: false,
  clean: false,
  splitting: false,
  treeshake: true,
  outDir: 'dist',
  noExternal: ['csv-parse'],
  banner: { js: '#!/usr/bin/env node' },
  esbuildPlugins: [cliBuild],
});

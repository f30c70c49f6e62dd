/**
 * Shared by the packaging tests. The package's entry points come from package.json `exports` (so a subpath
 * added there is covered by every packaging test without editing them), resolved to the built files in dist/.
 * Packing and installing go through npm, offline: the tarball is packed with `--ignore-scripts` (what
 * `npm run build` left in dist/; `prepare` would rebuild dist/ under the feet of the other packaging tests),
 * and decimal.js is installed from a tarball packed from the repository's own node_modules, so that no
 * install needs the registry or its metadata in the npm cache.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly exports: Readonly<Record<string, unknown>>;
  readonly bin?: string | Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
}

/** The repository's package.json. */
export const pkg: PackageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;

/** Packages an entry point may import at run time (bundled in the byte budget, never a second copy). */
export const RUNTIME_DEPENDENCIES: readonly string[] = Object.keys(pkg.dependencies ?? {});

/** One subpath of package.json `exports`, with the built files it points at. */
export interface EntryPoint {
  /** `'.'`, `'./node'`, ... */
  readonly subpath: string;
  /** What a user writes: `'helpdesk-metrics'`, `'helpdesk-metrics/node'`. */
  readonly specifier: string;
  /** Package-relative targets, per condition set (`undefined` when the subpath has none). */
  readonly importTarget: string | undefined;
  readonly requireTarget: string | undefined;
  readonly importTypes: string | undefined;
  readonly requireTypes: string | undefined;
  /**
   * Whether the entry must run in a browser: no `node:` built-ins. Every subpath except `./node` and
   * `./node/*` (the Node-only entries; the CLI is a `bin`, not an export).
   */
  readonly browser: boolean;
}

/**
 * The first target of an exports value under `conditions` (in the order the value lists its conditions, as
 * Node and TypeScript read it). `default` always matches.
 */
function resolveTarget(value: unknown, conditions: readonly string[]): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const v of value) {
      const t = resolveTarget(v, conditions);
      if (t !== undefined) return t;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [condition, v] of Object.entries(value)) {
    if (condition !== 'default' && !conditions.includes(condition)) continue;
    const t = resolveTarget(v, conditions);
    if (t !== undefined) return t;
  }
  return undefined;
}

/** The JavaScript entry points of package.json `exports` (`./package.json` and other JSON left out). */
export function entryPoints(): EntryPoint[] {
  return Object.entries(pkg.exports)
    .filter(([subpath]) => !subpath.endsWith('.json'))
    .map(([subpath, value]) => {
      if (subpath.includes('*')) throw new Error(`exports['${subpath}']: subpath patterns are not covered by the packaging tests`);
      return {
        subpath,
        specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
        importTarget: resolveTarget(value, ['node', 'import']),
        requireTarget: resolveTarget(value, ['node', 'require']),
        importTypes: resolveTarget(value, ['types', 'import']),
        requireTypes: resolveTarget(value, ['types', 'require']),
        browser: subpath !== './node' && !subpath.startsWith('./node/'),
      };
    });
}

/** The `bin` entries of package.json as `[command, package-relative file]`. */
export function binEntries(): [string, string][] {
  const bin = pkg.bin;
  if (bin === undefined) return [];
  if (typeof bin === 'string') return [[pkg.name, bin]];
  return Object.entries(bin);
}

/** The absolute path of a package-relative target in this repository; fails when it has not been built. */
export function builtFile(target: string): string {
  const file = join(root, target);
  if (!existsSync(file)) throw new Error(`${target} does not exist: run \`npm run build\` first (npm test does)`);
  return file;
}

/**
 * The environment for child npm and git processes: without the `npm_*` variables of the `npm test` that
 * runs us (they name this repository as the prefix and package) and without `GIT_*` (a git hook running the
 * tests would point git at this repository), but with the same npm cache.
 */
export function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(npm_|GIT_)/i.test(k)) env[k] = v;
  }
  if (process.env.npm_config_cache !== undefined) env.npm_config_cache = process.env.npm_config_cache;
  return env;
}

/** Runs a command; rejects with its output when it exits non-zero. */
export function run(file: string, args: readonly string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, env: childEnv(), maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')} (in ${cwd}) failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

/** `npm` on this machine. */
export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The flags of every scratch install: no network, no audit or funding requests, no lockfile. */
export const OFFLINE = ['--offline', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'];

/** A fresh directory under the OS temp dir; `remove()` deletes it. */
export function scratchDir(label: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `helpdesk-metrics-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Packs a directory with `npm pack --ignore-scripts` into `destination`; returns the tarball and its files. */
export async function pack(directory: string, destination: string): Promise<{ tarball: string; files: string[] }> {
  const { stdout } = await run(npm, ['pack', directory, '--ignore-scripts', '--json', '--pack-destination', destination, '--loglevel=error'], destination);
  const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(destination, info!.filename), files: info!.files.map((f) => f.path).sort() };
}

/** Tarballs of the runtime dependencies, packed from this repository's node_modules (the locked versions). */
async function packRuntimeDependencies(destination: string): Promise<Record<string, string>> {
  const deps: Record<string, string> = {};
  for (const name of RUNTIME_DEPENDENCIES) deps[name] = `file:${(await pack(join(root, 'node_modules', name), destination)).tarball}`;
  return deps;
}

/** Writes a file, creating its directory. */
export function writeFile(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** What a consumer gets at run time: the sum of the money check and the export names of every entry. */
export interface RuntimeReport {
  /** `costPerContact` of 10.00 EUR over 3 contacts, `.toFixed(2)`. */
  readonly costPerContact: string;
  /** Export names (sorted) by specifier. */
  readonly exports: Readonly<Record<string, string[]>>;
}

/**
 * Writes `check.mjs` (import) and `check.cjs` (require) into `dir`, a directory of a scratch project with the
 * package installed. Each prints a {@link RuntimeReport}.
 */
function writeRuntimeChecks(dir: string): void {
  const specs = JSON.stringify(entryPoints().map((e) => e.specifier));
  const cjsSpecs = JSON.stringify(entryPoints().filter((e) => e.requireTarget !== undefined).map((e) => e.specifier));
  const money = `costPerContact([{ amount: '10.00', currency: 'EUR' }], 3).costPerContact.toFixed(2)`;
  writeFile(
    join(dir, 'check.mjs'),
    `import { costPerContact } from ${JSON.stringify(pkg.name)};\n` +
      `const names = {};\nfor (const s of ${specs}) names[s] = Object.keys(await import(s)).sort();\n` +
      `console.log(JSON.stringify({ costPerContact: ${money}, exports: names }));\n`,
  );
  writeFile(
    join(dir, 'check.cjs'),
    `const { costPerContact } = require(${JSON.stringify(pkg.name)});\n` +
      `const names = {};\nfor (const s of ${cjsSpecs}) names[s] = Object.keys(require(s)).filter((n) => n !== '__esModule').sort();\n` +
      `console.log(JSON.stringify({ costPerContact: ${money}, exports: names }));\n`,
  );
}

/** Runs the checks {@link writeRuntimeChecks} wrote, under Node. */
async function runRuntimeChecks(dir: string): Promise<{ esm: RuntimeReport; cjs: RuntimeReport }> {
  const [esm, cjs] = await Promise.all(['check.mjs', 'check.cjs'].map((f) => run(process.execPath, [f], dir)));
  return { esm: JSON.parse(esm!.stdout) as RuntimeReport, cjs: JSON.parse(cjs!.stdout) as RuntimeReport };
}

/** The export names of the built entry points in this repository (what the installed package must give). */
async function builtExportNames(): Promise<{ esm: Record<string, string[]>; cjs: Record<string, string[]> }> {
  const esm: Record<string, string[]> = {};
  const cjs: Record<string, string[]> = {};
  const req = createRequire(import.meta.url);
  for (const e of entryPoints()) {
    esm[e.specifier] = Object.keys((await import(pathToFileURL(builtFile(e.importTarget!)).href)) as object).sort();
    if (e.requireTarget !== undefined) cjs[e.specifier] = Object.keys(req(builtFile(e.requireTarget)) as object).filter((n) => n !== '__esModule').sort();
  }
  return { esm, cjs };
}

/**
 * What the package installed in `project` gives under Node (import and require), and what it must give: the
 * export names of dist/ and 10.00 / 3 = 3.33 (to the cent).
 */
export async function runtimeReports(project: string): Promise<{ actual: unknown; expected: unknown }> {
  writeRuntimeChecks(project);
  const [actual, built] = await Promise.all([runRuntimeChecks(project), builtExportNames()]);
  const expected = { esm: { costPerContact: '3.33', exports: built.esm }, cjs: { costPerContact: '3.33', exports: built.cjs } };
  return { actual, expected };
}

/**
 * A scratch project in `project` with the package installed from `spec` (a tarball or a git URL), offline,
 * its runtime dependencies from tarballs packed into `tarballs`; returns the installed package's directory.
 */
export async function installInScratchProject(project: string, tarballs: string, spec: string): Promise<string> {
  const deps = await packRuntimeDependencies(tarballs);
  writeFile(join(project, 'package.json'), JSON.stringify({ private: true, dependencies: { ...deps, [pkg.name]: spec } }, null, 2));
  await run(npm, ['install', ...OFFLINE], project);
  return join(project, 'node_modules', pkg.name);
}

/**
 * The files an installed copy of the package must hold for its entry points and bins: every target of
 * `exports` (code and types, import and require) and every `bin`, package-relative; each listed when missing.
 */
export function missingPackageFiles(installedDir: string): string[] {
  const wanted = new Set<string>();
  for (const e of entryPoints()) {
    for (const t of [e.importTarget, e.requireTarget, e.importTypes, e.requireTypes]) if (t !== undefined) wanted.add(t);
  }
  for (const [, file] of binEntries()) wanted.add(file);
  return [...wanted].filter((t) => !existsSync(join(installedDir, t)));
}

/**
 * `npm run bench:compare`: the five metrics of issue 14 (FRT, full resolution time, FCR one-touch, backlog at an
 * instant, daily volume) computed end to end (load + compute) on the same JSON file by the library, DuckDB,
 * polars and pandas, each in its own process, runs interleaved (the order rotates each round), best of N.
 * Every engine's numbers are checked against the library's, first on the hand-made edge cases
 * (bench/compare/edgeCases.ts), then on every timed run.
 *
 * Options (or the environment):
 *   --tickets 200k | 1m | <n>   BENCH_COMPARE_TICKETS   default 200k (the issue's figures: 1m)
 *   --runs <n>                  BENCH_COMPARE_RUNS      default 3
 *   --engines a,b,…             BENCH_COMPARE_ENGINES   default library,library-ndjson,library-stream,duckdb,polars,pandas
 *   --at <ISO or ms>            the backlog instant     default 2026-09-15T12:00:00Z
 *   --seed <n>, --days <n>      the data                default 42, 365
 * PYTHON=<python> chooses the Python (default: the first of python3, /usr/bin/python3 that imports pandas).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SPEC, ensureTicketFiles, NotEnoughDisk, OUT_DIR, parseCount, type TicketFileSpec } from '../files.js';
import { edgeCaseTickets } from './edgeCases.js';
import { DEFAULT_BACKLOG_AT, type Durations, type EngineReport, type FiveNumbers } from './protocol.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const require = createRequire(import.meta.url);

// ---- options ------------------------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const opt = (name: string, env: string | undefined, fallback: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? (argv[i + 1] as string) : env ?? fallback;
};
const count = parseCount(opt('tickets', process.env.BENCH_COMPARE_TICKETS, '200k'));
const runs = Math.max(1, Number(opt('runs', process.env.BENCH_COMPARE_RUNS, '3')));
const atArg = opt('at', undefined, String(DEFAULT_BACKLOG_AT));
const at = /^\d+$/.test(atArg) ? Number(atArg) : Date.parse(atArg);
if (!Number.isSafeInteger(at)) throw new Error(`--at: not an instant: ${atArg}`);
const spec: TicketFileSpec = { ...DEFAULT_SPEC, count, seed: Number(opt('seed', undefined, String(DEFAULT_SPEC.seed))), days: Number(opt('days', undefined, String(DEFAULT_SPEC.days))) };
const ALL = ['library', 'library-ndjson', 'library-stream', 'duckdb', 'polars', 'pandas'] as const;
type EngineName = (typeof ALL)[number];
const wanted = opt('engines', process.env.BENCH_COMPARE_ENGINES, ALL.join(',')).split(',').map((s) => s.trim()) as EngineName[];
for (const e of wanted) if (!ALL.includes(e)) throw new Error(`--engines: unknown engine ${e} (${ALL.join(', ')})`);
if (!wanted.includes('library')) wanted.unshift('library');

// ---- engines ------------------------------------------------------------------------------------------------
interface Engine {
  readonly name: EngineName;
  readonly label: string;
  /** The command for a file; undefined when the engine is skipped. */
  readonly command: ((file: string) => [string, string[]]) | undefined;
  readonly skipped?: string;
}

const tsx = (script: string, extra: string[] = [], node: string[] = []) => (file: string): [string, string[]] => [process.execPath, [...node, '--import', 'tsx', join(HERE, script), file, String(at), ...extra]];

/**
 * nodejs-polars 0.25.2's native packages declare `engines: node >= 22` (the main package says >= 20), and npm
 * leaves an optional dependency whose engines do not match uninstalled, silently. The binary runs on Node 20,
 * so when it is missing it is fetched with the npm client (`npm pack`, the version the lockfile pins), checked
 * against the lockfile's integrity and unpacked into node_modules. Returns why polars is skipped, or undefined.
 */
function ensurePolarsBinary(log: string[]): string | undefined {
  let polarsDir: string;
  try {
    polarsDir = dirname(require.resolve('nodejs-polars/package.json'));
  } catch {
    return 'nodejs-polars is not installed (npm ci installs it: a devDependency)';
  }
  const libc = process.platform === 'linux' ? ((process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header?.glibcVersionRuntime ? 'gnu' : 'musl') : undefined;
  const suffix = process.platform === 'win32' ? `${process.arch}-msvc` : libc === undefined ? process.arch : `${process.arch}-${libc}`;
  const name = `nodejs-polars-${process.platform}-${suffix}`;
  try {
    createRequire(join(polarsDir, 'package.json')).resolve(`${name}/package.json`);
    return undefined;
  } catch {
    // not installed: fetched below
  }
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; integrity?: string }> };
  const entry = lock.packages[`node_modules/${name}`];
  if (entry?.version === undefined || entry.integrity === undefined) return `no lockfile entry for ${name}, the native polars package of this platform`;
  log.push(`polars: ${name}@${entry.version} is not installed (its engines say node >= 22, so npm skips it on Node ${process.versions.node}); fetching it with npm pack`);
  const dest = join(OUT_DIR, 'npm');
  mkdirSync(dest, { recursive: true });
  const pack = spawnSync('npm', ['pack', `${name}@${entry.version}`, '--pack-destination', dest, '--json', '--silent'], { encoding: 'utf8', cwd: ROOT });
  if (pack.status !== 0) return `npm pack ${name}@${entry.version} failed: ${(pack.stderr || pack.stdout).trim().split('\n').slice(-3).join(' ')}`;
  const tgz = join(dest, (JSON.parse(pack.stdout) as Array<{ filename: string }>)[0]!.filename);
  const [algo, expected] = entry.integrity.split('-', 2) as [string, string];
  const actual = createHash(algo).update(readFileSync(tgz)).digest('base64');
  if (actual !== expected) return `${tgz}: integrity ${algo}-${actual} differs from the lockfile's ${entry.integrity}`;
  const target = join(ROOT, 'node_modules', name);
  mkdirSync(target, { recursive: true });
  const tar = spawnSync('tar', ['-xzf', tgz, '-C', target, '--strip-components=1'], { encoding: 'utf8' });
  if (tar.status !== 0) return `unpacking ${tgz} failed: ${tar.stderr.trim()}`;
  rmSync(tgz, { force: true });
  log.push(`polars: unpacked ${name}@${entry.version} (integrity checked) into ${relative(ROOT, target)}`);
  return undefined;
}

function findPython(): { python: string; version: string } | string {
  const candidates = process.env.PYTHON !== undefined ? [process.env.PYTHON] : ['python3', '/usr/bin/python3'];
  const tried: string[] = [];
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', 'import pandas, numpy, sys; print(pandas.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { python, version: r.stdout.trim() };
    tried.push(`${python}: ${r.error !== undefined ? 'not found' : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`)}`);
  }
  return `no python3 with pandas (${tried.join('; ')}); set PYTHON to one`;
}

const setupLog: string[] = [];
const engines: Engine[] = [];
for (const name of ALL) {
  if (!wanted.includes(name)) continue;
  if (name === 'library') engines.push({ name, label: 'library', command: tsx('library.ts', [], ['--max-old-space-size=8192']) });
  else if (name === 'library-ndjson') engines.push({ name, label: 'library (NDJSON)', command: tsx('library.ts', ['--ndjson'], ['--max-old-space-size=8192']) });
  else if (name === 'library-stream') engines.push({ name, label: 'library (Node entry, all cores)', command: tsx('libraryStream.ts') });
  else if (name === 'duckdb') engines.push({ name, label: 'duckdb', command: tsx('duckdb.ts') });
  else if (name === 'polars') {
    const skipped = ensurePolarsBinary(setupLog);
    engines.push({ name, label: 'polars', command: skipped === undefined ? tsx('polars.ts') : undefined, ...(skipped === undefined ? {} : { skipped }) });
  } else {
    const py = findPython();
    if (typeof py === 'string') engines.push({ name, label: 'pandas', command: undefined, skipped: py });
    else engines.push({ name, label: 'pandas', command: (file) => [py.python, [join(HERE, 'pandas_engine.py'), file, String(at)]] });
  }
}

// ---- running ------------------------------------------------------------------------------------------------
interface Run {
  readonly report: EngineReport;
  /** Wall time of the whole process (start-up and imports included), ms. */
  readonly processMs: number;
  readonly load1: number;
}

function runEngine(e: Engine, file: string, extra: readonly string[] = []): Run {
  const [cmd, base] = e.command!(file);
  const args = [...base, ...extra];
  const load1 = loadavg()[0] as number;
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: ROOT, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } });
  const processMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${e.label} failed (exit ${r.status ?? r.signal}):\n${(r.stderr || r.stdout).trim().split('\n').slice(-15).join('\n')}`);
  const lines = r.stdout.trim().split('\n');
  return { report: JSON.parse(lines[lines.length - 1] as string) as EngineReport, processMs, load1 };
}

// ---- checking -----------------------------------------------------------------------------------------------
interface Check {
  readonly metric: string;
  readonly field: string;
  readonly library: string;
  readonly engine: string;
  readonly ok: boolean;
}

const fmtNum = (v: number | null): string => (v === null ? 'none' : Number.isInteger(v) ? String(v) : v.toFixed(3));

function compareResults(lib: FiveNumbers, eng: FiveNumbers): Check[] {
  const out: Check[] = [];
  const exact = (metric: string, field: string, a: number | null, b: number | null) => out.push({ metric, field, library: fmtNum(a), engine: fmtNum(b), ok: a === b });
  // Means: to a thousandth of a ms (the totals and counts, compared exactly, fix them).
  const mean = (metric: string, a: number | null, b: number | null) => out.push({ metric, field: 'meanMs', library: fmtNum(a), engine: fmtNum(b), ok: a === null || b === null ? a === b : Math.abs(a - b) < 1e-3 });
  const durations = (metric: string, a: Durations, b: Durations) => {
    exact(metric, 'count', a.count, b.count);
    exact(metric, 'totalMs', a.count === 0 ? 0 : a.totalMs, b.count === 0 ? 0 : b.totalMs);
    mean(metric, a.meanMs, b.meanMs);
    exact(metric, 'medianMs', a.medianMs, b.medianMs);
  };
  exact('input', 'tickets', lib.tickets, eng.tickets);
  durations('frt', lib.frt, eng.frt);
  durations('resolution', lib.resolution, eng.resolution);
  exact('fcr', 'numerator', lib.fcr.numerator, eng.fcr.numerator);
  exact('fcr', 'denominator', lib.fcr.denominator, eng.fcr.denominator);
  durations('backlog', lib.backlog, eng.backlog);
  exact('volume', 'total', lib.volume.total, eng.volume.total);
  exact('volume', 'days with tickets', lib.volume.days.length, eng.volume.days.length);
  const a = new Map(lib.volume.days.map(([d, n]) => [d, n]));
  let differ = 0;
  let first = '';
  for (const [d, n] of eng.volume.days) {
    if (a.get(d) !== n) {
      if (differ++ === 0) first = `${new Date(d).toISOString().slice(0, 10)}: library ${a.get(d) ?? 0}, engine ${n}`;
    }
  }
  for (const [d] of lib.volume.days) if (!eng.volume.days.some(([e]) => e === d)) if (differ++ === 0) first = `${new Date(d).toISOString().slice(0, 10)} missing`;
  out.push({ metric: 'volume', field: 'per-day counts', library: `${lib.volume.days.length} days`, engine: differ === 0 ? 'same' : `${differ} differ (${first})`, ok: differ === 0 });
  return out;
}

// ---- formatting ---------------------------------------------------------------------------------------------
const s = (ms: number): string => (ms / 1000).toFixed(2);
const mb = (bytes: number): string => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${Math.round(bytes / 1e6)} MB`);
const ratio = (a: number, b: number): string => (b > 0 ? (a / b).toFixed(2) : '–');
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => (r[k] ?? '').length)));
  return rows.map((r) => r.map((c, k) => (k === 0 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  ').trimEnd()).join('\n');
}

// ---- main ---------------------------------------------------------------------------------------------------
const log = (l: string) => console.log(l);
let paths: Record<'json' | 'ndjson', string | undefined>;
try {
  paths = ensureTicketFiles(spec, wanted.includes('library-ndjson') ? ['json', 'ndjson'] : ['json']);
} catch (e) {
  if (e instanceof NotEnoughDisk) {
    console.error(`bench:compare: ${e.message}`);
    process.exit(2);
  }
  throw e;
}
const jsonFile = paths.json!;
const ndjsonFile = paths.ndjson;
const meta = JSON.parse(readFileSync(`${jsonFile}.meta.json`, 'utf8')) as { bytes: number; events: number };
for (const l of setupLog) log(l);
for (const e of engines) if (e.skipped !== undefined) log(`${e.label}: skipped: ${e.skipped}`);
const active = engines.filter((e) => e.command !== undefined);
const fileOf = (e: Engine): string => (e.name === 'library-ndjson' ? (ndjsonFile as string) : jsonFile);

// 1. The edge cases: every engine against the library, before anything is timed.
mkdirSync(OUT_DIR, { recursive: true });
const edgeFile = join(OUT_DIR, 'edge-cases.json');
writeFileSync(edgeFile, `${JSON.stringify(edgeCaseTickets(at))}\n`);
const edgeNdjson = join(OUT_DIR, 'edge-cases.ndjson');
writeFileSync(edgeNdjson, `${edgeCaseTickets(at).map((t) => JSON.stringify(t)).join('\n')}\n`);
const failures: string[] = [];
const edgeRuns = new Map<EngineName, FiveNumbers>();
const edgeReports = new Map<EngineName, EngineReport>();
for (const e of active) edgeReports.set(e.name, runEngine(e, e.name === 'library-ndjson' ? edgeNdjson : edgeFile, ['--per-ticket']).report);
const edgeLib = edgeReports.get('library')!;
const PER_TICKET = ['frt', 'resolution', 'fcr', 'backlog age'] as const;
for (const e of active) {
  if (e.name === 'library') continue;
  const rep = edgeReports.get(e.name)!;
  for (const c of compareResults(edgeLib.results, rep.results)) if (!c.ok) failures.push(`edge cases, ${e.label}: ${c.metric} ${c.field}: library ${c.library}, ${e.label} ${c.engine}`);
  // Name the tickets: per ticket and metric, the library's value and the engine's (null: not counted).
  for (const [id, mine] of Object.entries(edgeLib.perTicket ?? {})) {
    const theirs = rep.perTicket?.[id];
    for (let k = 0; k < PER_TICKET.length; k++) {
      if ((theirs?.[k] ?? null) !== mine[k]) failures.push(`edge cases, ${e.label}: ticket ${id} ${PER_TICKET[k]}: library ${mine[k] ?? 'not counted'}, ${e.label} ${theirs?.[k] ?? 'not counted'}`);
    }
  }
}
log(`edge cases (${edgeCaseTickets(at).length} hand-made tickets, ${relative(ROOT, edgeFile)}): ${failures.length === 0 ? `every engine gives the library's numbers (${active.map((e) => e.label).join(', ')})` : `${failures.length} differences`}`);
for (const f of failures) log(`  ${f}`);

// 2. The timed runs, interleaved, the order rotating each round.
log(`\n${count.toLocaleString('en-US')} tickets, ${meta.events.toLocaleString('en-US')} events: ${relative(ROOT, jsonFile)} (${mb(meta.bytes)}); backlog at ${new Date(at).toISOString()}`);
log(`machine: ${cpus()[0]?.model ?? 'cpu'} × ${availableParallelism()}, ${mb(totalmem())} RAM, node ${process.version}; ${runs} run(s) per engine, each a fresh process, interleaved`);
const byEngine = new Map<EngineName, Run[]>(active.map((e) => [e.name, []]));
const loads: number[] = [];
for (let r = 0; r < runs; r++) {
  const order = active.map((_, k) => active[(k + r) % active.length]!);
  for (const e of order) {
    const run = runEngine(e, fileOf(e));
    loads.push(run.load1, loadavg()[0] as number);
    byEngine.get(e.name)!.push(run);
    process.stderr.write(`  run ${r + 1}/${runs} ${e.label}: load ${s(run.report.loadMs)} s + compute ${s(run.report.computeMs)} s (load average ${run.load1.toFixed(1)})\n`);
  }
}

// 3. Numbers: every run of every engine against the library's first run.
const libRef = byEngine.get('library')![0]!.report.results;
const checksByEngine = new Map<EngineName, Check[]>();
for (const e of active) {
  const all = byEngine.get(e.name)!.flatMap((run) => compareResults(libRef, run.report.results));
  checksByEngine.set(e.name, all);
  for (const c of all) if (!c.ok) failures.push(`${count} tickets, ${e.label}: ${c.metric} ${c.field}: library ${c.library}, ${e.label} ${c.engine}`);
}

// 4. The tables.
interface Best {
  load: number;
  compute: number;
  total: number;
  processMs: number;
  cpu: number;
  rss: number;
  phases: Record<string, number>;
}
const best = new Map<EngineName, Best>();
for (const e of active) {
  const rs = byEngine.get(e.name)!;
  const phases: Record<string, number> = {};
  for (const run of rs) for (const [k, v] of Object.entries(run.report.phases)) phases[k] = Math.min(phases[k] ?? Infinity, v);
  best.set(e.name, {
    load: Math.min(...rs.map((x) => x.report.loadMs)),
    compute: Math.min(...rs.map((x) => x.report.computeMs)),
    total: Math.min(...rs.map((x) => x.report.loadMs + x.report.computeMs)),
    processMs: Math.min(...rs.map((x) => x.processMs)),
    cpu: Math.min(...rs.map((x) => x.report.cpuMs)),
    rss: Math.max(...rs.map((x) => x.report.peakRssBytes)),
    phases,
  });
}
const lib = best.get('library')!;
log(`load average (1 min) seen during the runs: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${availableParallelism()} cores\n`);
log('Best of the runs (seconds; each column its own best). load: file → in-memory records; compute: the rest (flatten, per-ticket');
log('facts, five metrics); process: the whole process, start-up included; CPU: user + system of every thread (process).');
log('Ratio = library / engine: above 1 the library is slower.');
const rows: string[][] = [['engine', 'version', 'threads', 'load', 'compute', 'total', 'process', 'CPU', 'peak RSS', 'load ratio', 'compute ratio', 'total ratio', 'numbers']];
for (const e of engines) {
  if (e.command === undefined) {
    rows.push([e.label, '', '', '', '', '', '', '', '', '', '', '', `skipped: ${e.skipped}`]);
    continue;
  }
  const b = best.get(e.name)!;
  const rep = byEngine.get(e.name)![0]!.report;
  const bad = checksByEngine.get(e.name)!.filter((c) => !c.ok).length;
  rows.push([
    e.label,
    rep.version,
    String(rep.threads),
    s(b.load),
    s(b.compute),
    s(b.total),
    s(b.processMs),
    s(b.cpu),
    mb(b.rss),
    e.name === 'library' ? '1.00' : ratio(lib.load, b.load),
    e.name === 'library' ? '1.00' : ratio(lib.compute, b.compute),
    e.name === 'library' ? '1.00' : ratio(lib.total, b.total),
    e.name === 'library' ? 'reference' : bad === 0 ? 'same (all 5)' : `${bad} DIFFER`,
  ]);
}
log(table(rows));
log('\nWhere the time goes (best of the runs, seconds):');
for (const e of active) log(`  ${e.label.padEnd(17)} ${Object.entries(best.get(e.name)!.phases).map(([k, v]) => `${k} ${s(v)}`).join(', ')}`);

log('\nThe numbers (library; each engine: = when equal):');
const fmtD = (d: Durations) => `n ${d.count}, mean ${fmtNum(d.meanMs)} ms, median ${fmtNum(d.medianMs)} ms`;
const describeMetric: Array<[string, (r: FiveNumbers) => string]> = [
  ['first response time', (r) => fmtD(r.frt)],
  ['full resolution time', (r) => fmtD(r.resolution)],
  ['FCR one-touch', (r) => `${r.fcr.numerator} / ${r.fcr.denominator}`],
  ['backlog at `at`', (r) => `${r.backlog.count} tickets, mean age ${fmtNum(r.backlog.meanMs)} ms, median ${fmtNum(r.backlog.medianMs)} ms`],
  ['daily volume (UTC)', (r) => `${r.volume.total} tickets on ${r.volume.days.length} days`],
];
const numRows: string[][] = [['metric', 'library', ...active.filter((e) => e.name !== 'library').map((e) => e.label)]];
for (const [name, f] of describeMetric) {
  const ref = f(libRef);
  numRows.push([name, ref, ...active.filter((e) => e.name !== 'library').map((e) => (f(byEngine.get(e.name)![0]!.report.results) === ref ? '=' : f(byEngine.get(e.name)![0]!.report.results)))]);
}
log(table(numRows));
const libNotes = byEngine.get('library')![0]!.report.notes ?? [];
for (const n of libNotes) log(`  library ${n}; the engines list the days with tickets, compared day by day`);

const record = join(OUT_DIR, `compare-${count}.json`);
writeFileSync(record, `${JSON.stringify({ count, runs, at, file: relative(ROOT, jsonFile), bytes: meta.bytes, events: meta.events, loadAverage: { min: Math.min(...loads), max: Math.max(...loads) }, engines: engines.map((e) => ({ name: e.name, skipped: e.skipped, runs: byEngine.get(e.name)?.map((r) => ({ ...r.report, results: undefined, processMs: r.processMs, load1: r.load1 })) })), failures }, null, 2)}\n`);
log(`\nrecord: ${relative(ROOT, record)}`);
if (failures.length > 0) {
  log(`\n${failures.length} differences from the library:`);
  for (const f of failures.slice(0, 40)) log(`  ${f}`);
  process.exitCode = 1;
} else log('every engine gave the library\'s numbers');
if (!existsSync(jsonFile) || statSync(jsonFile).size !== meta.bytes) throw new Error(`${jsonFile} changed during the run`);

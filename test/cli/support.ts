/**
 * Shared by the command-line tests: the built bin run as a child process (as a user runs it), and fixture files
 * written into a scratch directory under the OS temp dir (the importer fixtures of test/import, written as the
 * files a user has: JSON, NDJSON, CSV).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(root, 'dist', 'cli.js');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `helpdesk-metrics <args>`; `stdin` is piped in (else stdin is empty and not a terminal). */
export function cli(args: readonly string[], options: { stdin?: string | Buffer; cwd?: string; env?: NodeJS.ProcessEnv; nodeArgs?: readonly string[] } = {}): Promise<Run> {
  if (!existsSync(bin)) throw new Error('dist/cli.js does not exist: run `npm run build` first (npm test does)');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), bin, ...args], { cwd: options.cwd ?? root, env: { ...process.env, ...options.env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
  });
}

/** Runs the bin and parses its JSON output; fails with its stderr when it exits non-zero. */
export async function reportJson(args: readonly string[], options: Parameters<typeof cli>[1] = {}): Promise<JsonReport> {
  const r = await cli([...args, '--format', 'json', '--quiet'], options);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as JsonReport;
}

/** The parts of the JSON report the tests read. */
export interface JsonReport {
  readonly definitions: { readonly at: string; readonly interval: string; readonly timeZone: string; readonly period: { from: string; to: string } | null };
  readonly input: { readonly source: string; readonly records: number; readonly tickets: number; readonly surveys: number; readonly excluded: Exclusions; readonly files: { path: string; format: string; records: number }[] };
  readonly headline: readonly { id: string; value: number | null; n: number; numerator: number | null; denominator: number | null; excluded: Exclusions }[];
  readonly metrics: {
    readonly volume: { total: number; excluded: Exclusions };
    readonly firstResponseTime: Duration;
    readonly resolutionTime: Duration;
    readonly firstContactResolution: Rate;
    readonly backlog: { count: number; aged: number; byAge: { age: string; count: number }[]; excluded: Exclusions };
    readonly slaCompliance: (Rate & { achieved: number; breached: number; pending: number }) | null;
    readonly csat: (Rate & { score: number | null }) | null;
    readonly nps: { score: number | null; n: number; excluded: Exclusions } | null;
  };
  readonly charts: {
    readonly volume: { label: string; count: number }[];
    readonly backlog: { label: string; backlog: number; created: number; resolved: number; reopened: number }[];
    readonly slaByPriority: { priority: string; percent: number | null; achieved: number; breached: number; pending: number }[];
  };
  readonly breakdowns: readonly {
    name: string;
    dimensions: string[];
    rows: { key: [string, string | number | boolean | null][]; label: string; tickets: number; firstResponseTime: { n: number; medianMs: number | null; p90Ms: number | null }; backlog: { count: number } }[];
  }[];
}
export interface Exclusions {
  readonly total: number;
  readonly byReason: Record<string, number>;
}
export interface Duration {
  readonly n: number;
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
  readonly meanMs: number | null;
  readonly percentiles: { p: number; ms: number | null }[];
  readonly excluded: Exclusions;
}
export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  readonly percent: number | null;
  readonly excluded: Exclusions;
}

/** A CSV text of rows (objects keyed by header), every field quoted as needed, CRLF line ends (as exports are). */
export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const columns = Object.keys(rows[0]!);
  const q = (v: unknown): string => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[columns.map(q).join(','), ...rows.map((r) => columns.map((c) => q(r[c])).join(','))].join('\r\n')}\r\n`;
}

/** A scratch directory; `file(name, text)` writes into it and returns the path. */
export function scratch(label: string): { dir: string; file: (name: string, text: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `helpdesk-metrics-${label}-`));
  return {
    dir,
    file: (name, text) => {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const MIN = 60_000;

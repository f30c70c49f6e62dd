/**
 * What every engine of the comparison prints: one JSON line on stdout with its timings, its five numbers and
 * its peak RSS. The runner (bench/compare/run.ts) starts each engine as its own process, so that each one's
 * memory is its own and nothing of one run is warm for the next; bench/compare/pandas_engine.py prints the
 * same shape.
 */

/** A duration summary, compared to the ms: counts, exact totals and medians exactly, means to 1e-9. */
export interface Durations {
  readonly count: number;
  /** Sum of the durations, ms (an integer). */
  readonly totalMs: number;
  readonly meanMs: number | null;
  readonly medianMs: number | null;
}

export interface FiveNumbers {
  /** Records loaded. */
  readonly tickets: number;
  /** First response time (Zendesk: first public agent reply − creation; agent-created: the next one). */
  readonly frt: Durations;
  /** Full resolution time: creation → last solve (else last close), tickets solved or closed now. */
  readonly resolution: Durations;
  /** FCR one-touch: numerator / denominator. */
  readonly fcr: { readonly numerator: number; readonly denominator: number };
  /** Backlog at `at`: the tickets in it and their ages (`at − createdAt`). */
  readonly backlog: Durations & { readonly at: number };
  /** Daily volume (UTC): [day start ms, tickets created] for every day with at least one ticket, in order. */
  readonly volume: { readonly total: number; readonly days: ReadonlyArray<readonly [number, number]> };
}

export interface EngineReport {
  readonly engine: string;
  readonly version: string;
  /** Milliseconds: `load` (file → the engine's in-memory records) and `compute` (everything after it). */
  readonly loadMs: number;
  readonly computeMs: number;
  /** The parts of compute (and of load, where it has parts), in order. */
  readonly phases: Readonly<Record<string, number>>;
  /** Peak resident set size of the process, bytes (getrusage's ru_maxrss, as `/usr/bin/time -v` reports). */
  readonly peakRssBytes: number;
  /** CPU time of the process (user + system, every thread), ms: above the wall time when several threads work. */
  readonly cpuMs: number;
  readonly threads: number;
  readonly results: FiveNumbers;
  /**
   * With `--per-ticket` (the edge cases only): per ticket id, its FRT, its full resolution time, its FCR
   * verdict (1 success, 0 failure) and its backlog age, each null when the ticket is not counted there.
   */
  readonly perTicket?: Readonly<Record<string, PerTicket>>;
  readonly notes?: readonly string[];
}

export type PerTicket = readonly [frt: number | null, resolution: number | null, fcr: number | null, backlogAge: number | null];

/** The backlog instant: mid-September of the generated year (2026-01-05 + 365 days). */
export const DEFAULT_BACKLOG_AT = Date.UTC(2026, 8, 15, 12, 0, 0);

export const DAY_MS = 86_400_000;

/** Arguments of an engine process: `<file> [backlogAtMs] [--per-ticket]`. */
export function engineArgs(): { file: string; at: number; perTicket: boolean } {
  const args = process.argv.slice(2);
  const [file, at] = args.filter((a) => !a.startsWith('--'));
  if (file === undefined) throw new Error('usage: <engine> <file.json> [backlogAtMs] [--per-ticket]');
  return { file, at: at === undefined ? DEFAULT_BACKLOG_AT : Number(at), perTicket: args.includes('--per-ticket') };
}

/** Prints the report line (the runner reads the last line of stdout). */
export function printReport(report: Omit<EngineReport, 'peakRssBytes' | 'cpuMs'>): void {
  const usage = process.resourceUsage();
  process.stdout.write(`${JSON.stringify({ ...report, peakRssBytes: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 })}\n`);
}

/** A BIGINT/HUGEINT/number cell as a number (exact up to 2^53). */
export function num(v: unknown): number {
  if (typeof v === 'bigint') {
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`integer beyond 2^53: ${v}`);
    return Number(v);
  }
  if (typeof v === 'number') return v;
  if (v === null || v === undefined) return 0;
  return Number(v);
}

/** The five numbers from an engine's query results (the FCR cells and the day rows as the engine gives them). */
export function fiveNumbers(r: {
  readonly tickets: number;
  readonly frt: Durations;
  readonly resolution: Durations;
  /** The FCR row: cells `numerator` and `denominator`. */
  readonly fcr: Readonly<Record<string, unknown>>;
  readonly backlog: Durations;
  readonly at: number;
  readonly days: ReadonlyArray<readonly [number, number]>;
}): FiveNumbers {
  return {
    tickets: r.tickets,
    frt: r.frt,
    resolution: r.resolution,
    fcr: { numerator: num(r.fcr['numerator']), denominator: num(r.fcr['denominator']) },
    backlog: { ...r.backlog, at: r.at },
    volume: { total: r.days.reduce((sum, d) => sum + d[1], 0), days: r.days },
  };
}

/** Per-ticket values from rows with the columns `id`, `frt`, `res`, `fcr`, `age`. */
export function perTicketOf(rows: readonly Record<string, unknown>[]): Record<string, PerTicket> {
  return Object.fromEntries(rows.map((r) => [String(r.id), [numOrNull(r.frt), numOrNull(r.res), numOrNull(r.fcr), numOrNull(r.age)] as PerTicket]));
}

/** A nullable numeric cell. */
export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : num(v);
}

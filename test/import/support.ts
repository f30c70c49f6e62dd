/**
 * What the importer tests share.
 *
 * `expectValidModel` is the one place that says "an importer's output is the library's model": today it runs
 * the ticket metrics on it with `invalid: 'throw'` (any record a metric would reject throws); once
 * `prepareTickets` exists it becomes one call to it, here and nowhere else.
 */
import { expect } from 'vitest';
import { backlog } from '../../src/metrics/backlog/index.js';
import { prepareTickets } from '../../src/pipeline/ticketSource.js';
import { customerSatisfactionScore } from '../../src/metrics/customerSatisfactionScore/index.js';
import { firstContactResolution } from '../../src/metrics/firstContactResolution/index.js';
import { firstResponseTime } from '../../src/metrics/firstResponseTime/index.js';
import { interactionsPerTicket } from '../../src/metrics/interactionsPerTicket/index.js';
import { reopenRate } from '../../src/metrics/reopenRate/index.js';
import { resolutionTime } from '../../src/metrics/resolutionTime/index.js';
import { slaCompliance } from '../../src/metrics/slaCompliance/index.js';
import type { SurveyResponse, Ticket } from '../../src/model/index.js';
import type { ImportResult } from '../../src/import/_lib/result.js';
import { MetricsError } from '../../src/results/errors.js';

/** The read options every check uses (the importers emit epoch ms and canonical statuses: nothing else is needed). */
const READ = { invalid: 'throw' } as const;
/** Late enough for every fixture and generated story. */
const LATE = Date.UTC(2100, 0, 1);

/**
 * Fails unless every ticket metric accepts every ticket (and the survey functions every response), each
 * accounting for all of them (count + excluded = input).
 */
export function expectValidModel(tickets: readonly Ticket[], surveys?: readonly SurveyResponse[]): void {
  const n = tickets.length;
  // Every ticket passes prepareTickets, history included: under 'exclude' a bad one would be listed.
  const prepared = prepareTickets(tickets, { invalid: 'exclude' });
  expect(prepared.invalid).toBe(0);
  expect(Object.keys(firstResponseTime(prepared).excluded.byReason).filter((r) => r.startsWith('invalid:'))).toEqual([]);
  const frt = firstResponseTime(tickets, READ);
  expect(frt.count + frt.excluded.total).toBe(n);
  for (const resolution of ['first', 'full'] as const) {
    const rt = resolutionTime(tickets, { ...READ, resolution });
    expect(rt.count + rt.excluded.total).toBe(n);
  }
  const fcr = firstContactResolution(tickets, READ);
  expect(fcr.denominator + fcr.excluded.total).toBe(n);
  const rr = reopenRate(tickets, READ);
  expect(rr.denominator + rr.excluded.total).toBe(n);
  const bl = backlog(tickets, { ...READ, at: LATE });
  expect(bl.count + bl.excluded.total).toBe(n);
  const ipt = interactionsPerTicket(tickets, { ...READ, tickets: 'all' });
  expect(ipt.count + ipt.excluded.total).toBe(n);
  const sla = slaCompliance(tickets, { ...READ, targets: { any: { firstReply: 3_600_000, resolution: 86_400_000 } }, defaultPriority: 'any', at: LATE });
  expect(sla.tickets.length + sla.excluded.total).toBe(n);
  if (surveys !== undefined && surveys.length > 0) {
    const max = Math.max(...surveys.map((s) => (typeof s.score === 'number' ? s.score : 1)));
    const scale = max <= 2 ? '1-2' : max <= 5 ? '1-5' : '1-7';
    const csat = customerSatisfactionScore(surveys, { scale, invalid: 'throw' });
    expect(csat.denominator + csat.excluded.total).toBe(surveys.length);
  }
}

/** Every collection adds up, and the exclusions listed match the counts. */
export function expectAccounted(result: ImportResult): void {
  let excluded = 0;
  for (const c of result.counts) {
    expect(c.imported + c.excluded, c.collection).toBe(c.input);
    excluded += c.excluded;
  }
  expect(result.excluded.total).toBe(excluded);
  expect(result.excluded.records.length).toBe(excluded);
  const byReason = Object.values(result.excluded.byReason).reduce<number>((a, b) => a + (b ?? 0), 0);
  expect(byReason).toBe(excluded);
}

export const MIN = 60_000;
export const ms = (iso: string): number => Date.parse(iso);
export const sec = (iso: string): number => Date.parse(iso) / 1000;

/** One ticket of a list, by id (ids compared as strings). */
export function ticketById(tickets: readonly Ticket[], id: string | number): Ticket {
  const t = tickets.find((x) => String(x.id) === String(id));
  if (t === undefined) throw new Error(`no ticket ${String(id)}`);
  return t;
}

/** The per-ticket story numbers: FRT and resolution (first, full) in minutes, and reopens (events form). */
export function storyNumbers(t: Ticket): { frt: number | undefined; first: number | undefined; full: number | undefined; reopened: boolean } {
  const one = [t];
  const min = (v: number | undefined): number | undefined => (v === undefined ? undefined : v / MIN);
  // The story's own numbers, for every ticket: Zendesk keeps ticket_metrics for spam and merged tickets too,
  // which the metrics leave out by default.
  const all = { excludeSpam: false, excludeMerged: false, excludeDeleted: false } as const;
  return {
    frt: min(firstResponseTime(one, all).meanMs),
    first: min(resolutionTime(one, { resolution: 'first', ...all }).meanMs),
    full: min(resolutionTime(one, { resolution: 'full', ...all }).meanMs),
    reopened: reopenRate(one, all).numerator === 1,
  };
}

/** Reopens of an events-form ticket: resolved → unresolved changes between instants (the library's rule). */
export function reopenCount(t: Ticket): number {
  const rank = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
  const st = (t.events ?? []).filter((e) => e.type === 'status') as { at: number; status: string }[];
  st.sort((a, b) => a.at - b.at || rank.indexOf(a.status) - rank.indexOf(b.status));
  let resolved = false;
  let n = 0;
  st.forEach((e, i) => {
    if (i + 1 < st.length && (st[i + 1] as { at: number }).at === e.at) return;
    const r = e.status === 'solved' || e.status === 'closed';
    if (resolved && !r) n++;
    resolved = r;
  });
  return n;
}

/** The MetricsError `fn` throws (anything else thrown, or nothing, fails the test). */
export function caught(fn: () => unknown): MetricsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MetricsError) return e;
    throw e;
  }
  throw new Error('expected a MetricsError');
}

/** The story's hand-computed answers (test/import/README.md), per ticket: minutes, and whether reopened. */
export const STORY = {
  101: { frt: 40, first: 180, full: 180, reopened: false },
  102: { frt: 30, first: 1380, full: 4500, reopened: true },
  103: { frt: 75, first: 120, full: 120, reopened: false },
  105: { frt: 20, first: 120, full: 120, reopened: false },
} as const;

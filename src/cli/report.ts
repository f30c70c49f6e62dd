/**
 * The report: one plain, JSON-serialisable object built from the library's results, which every format (table,
 * JSON, CSV, Markdown, the HTML dashboard) renders. Every figure carries its definition, its n, its numerator
 * and denominator where it is a rate, and its exclusions by reason, so that the numbers can be audited
 * downstream. Objects keyed by data (group keys) are arrays of rows, never objects keyed by the data.
 *
 * @internal
 * @module
 */
import type {
  BacklogResult,
  CustomerSatisfactionScoreResult,
  DurationSummary,
  Excluded,
  GroupKey,
  GroupValue,
  NetPromoterScoreResult,
  RateResult,
  SlaSummary,
} from '../index.js';
import type { MetricResults } from './runner.js';
import type { Interval, SourceName } from './settings.js';

/** Exclusions: how many, and how many for each reason. */
export interface Exclusions {
  readonly total: number;
  readonly byReason: Readonly<Record<string, number>>;
}

/** A duration summary: n, the statistics in ms, the percentiles the distribution chart draws. */
export interface DurationFigure {
  readonly definition: string;
  readonly n: number;
  readonly meanMs: number | null;
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
  readonly minMs: number | null;
  readonly maxMs: number | null;
  readonly totalMs: number | null;
  /** `[percentile, ms]` rows, p0 … p100 every 5 (R-7). */
  readonly percentiles: readonly { readonly p: number; readonly ms: number | null }[];
  readonly excluded: Exclusions;
}

/** A rate: numerator over denominator, with its interval. */
export interface RateFigure {
  readonly definition: string;
  readonly numerator: number;
  readonly denominator: number;
  readonly percent: number | null;
  readonly interval: { readonly low: number; readonly high: number; readonly level: number } | null;
  readonly excluded: Exclusions;
}

export interface SlaFigure extends RateFigure {
  readonly achieved: number;
  readonly breached: number;
  readonly pending: number;
  /** Per target (firstReply, nextReply, resolution): achieved, breached, pending. */
  readonly byTarget: readonly { readonly target: string; readonly achieved: number; readonly breached: number; readonly pending: number; readonly percent: number | null }[];
}

export interface BacklogFigure {
  readonly definition: string;
  readonly at: string;
  readonly count: number;
  readonly aged: number;
  readonly olderThanMs: number;
  readonly byAge: readonly { readonly age: string; readonly count: number }[];
  readonly medianAgeMs: number | null;
  readonly excluded: Exclusions;
}

export interface VolumeFigure {
  readonly definition: string;
  readonly total: number;
  readonly averagePerBucket: number | null;
  readonly excluded: Exclusions;
}

export interface CsatFigure extends RateFigure {
  readonly method: string;
  readonly scale: string;
  readonly satisfiedFrom: number;
  readonly score: number | null;
  readonly mean: number | null;
}

export interface NpsFigure {
  readonly definition: string;
  readonly n: number;
  readonly score: number | null;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  readonly marginOfError: number | null;
  readonly interval: { readonly low: number; readonly high: number; readonly level: number } | null;
  readonly excluded: Exclusions;
}

/** A headline number, as the table, Markdown and the dashboard show it. */
export interface Headline {
  readonly id: string;
  readonly label: string;
  readonly unit: 'ms' | 'percent' | 'count' | 'score';
  readonly value: number | null;
  /** `[low, high]` at `level`, for rates and scores. */
  readonly interval: { readonly low: number; readonly high: number; readonly level: number } | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly n: number;
  readonly excluded: Exclusions;
  readonly definition: string;
}

/** One group of a breakdown. */
export interface BreakdownRow {
  /** `[dimension, value]` pairs, in the breakdown's order. */
  readonly key: readonly (readonly [string, GroupValue])[];
  readonly label: string;
  readonly tickets: number;
  readonly firstResponseTime: { readonly n: number; readonly medianMs: number | null; readonly p90Ms: number | null; readonly excluded: number };
  readonly resolutionTime: { readonly n: number; readonly medianMs: number | null; readonly p90Ms: number | null; readonly excluded: number };
  readonly firstContactResolution: { readonly numerator: number; readonly denominator: number; readonly percent: number | null; readonly excluded: number };
  readonly slaCompliance: { readonly numerator: number; readonly denominator: number; readonly percent: number | null; readonly excluded: number } | null;
  readonly backlog: { readonly count: number; readonly excluded: number };
}

export interface BreakdownTable {
  readonly name: string;
  readonly dimensions: readonly string[];
  readonly rows: readonly BreakdownRow[];
}

/** What was read. */
export interface InputSummary {
  readonly source: SourceName;
  readonly files: readonly { readonly path: string; readonly format: string; readonly records: number; readonly bytes: number | null }[];
  readonly records: number;
  readonly tickets: number;
  readonly surveys: number;
  /** Records the importer left out (deleted messages, duplicates, drafts, …). */
  readonly excluded: Exclusions;
  readonly warnings: { readonly total: number; readonly byCode: Readonly<Record<string, number>> };
}

/** The definitions the report was computed under. */
export interface ReportDefinitions {
  readonly at: string;
  /** Where `at` came from: `--at`, the end of `--period`, or the clock. */
  readonly atFrom: 'option' | 'period' | 'clock';
  readonly period: { readonly from: string; readonly to: string } | null;
  readonly timeZone: string;
  readonly interval: Interval;
  /** The schedule's name and zone, when time is counted in business hours. */
  readonly businessHours: string | null;
  readonly slaPolicy: boolean;
  readonly breakdowns: readonly string[];
  readonly invalid: 'throw' | 'exclude';
  readonly surveys: 'csat' | 'nps';
}

export interface Report {
  readonly tool: 'helpdesk-metrics';
  readonly version: string;
  readonly definitions: ReportDefinitions;
  readonly input: InputSummary;
  readonly headline: readonly Headline[];
  readonly metrics: {
    readonly volume: VolumeFigure;
    readonly firstResponseTime: DurationFigure;
    readonly resolutionTime: DurationFigure;
    readonly firstContactResolution: RateFigure;
    readonly backlog: BacklogFigure;
    readonly slaCompliance: SlaFigure | null;
    readonly csat: CsatFigure | null;
    readonly nps: NpsFigure | null;
  };
  readonly charts: {
    readonly volume: readonly { readonly label: string; readonly start: string; readonly count: number }[];
    readonly backlog: readonly { readonly label: string; readonly start: string; readonly created: number; readonly resolved: number; readonly reopened: number; readonly backlog: number }[];
    readonly backlogOpening: number | null;
    readonly slaByPriority: readonly { readonly priority: string; readonly achieved: number; readonly breached: number; readonly pending: number; readonly percent: number | null }[];
  };
  readonly breakdowns: readonly BreakdownTable[];
}

const iso = (ms: number): string => new Date(ms).toISOString();
const orNull = (v: number | undefined): number | null => (v === undefined ? null : v);

/** Exclusions with the reasons of the library (string-literal codes, never user data) as keys. */
export function exclusions(e: Excluded): Exclusions {
  const byReason: Record<string, number> = {};
  for (const [reason, n] of Object.entries(e.byReason)) if (typeof n === 'number' && n > 0) byReason[reason] = n;
  return { total: e.total, byReason };
}

/** Adds `count` exclusions of `reason` to `e`. */
function plus(e: Exclusions, reason: string, count: number): Exclusions {
  if (count === 0) return e;
  return { total: e.total + count, byReason: { ...e.byReason, [reason]: (e.byReason[reason] ?? 0) + count } };
}

/** The texts that say what each figure is. */
export interface DefinitionTexts {
  readonly frt: string;
  readonly resolution: string;
  readonly fcr: string;
  readonly sla: string;
  readonly backlog: string;
  readonly volume: string;
  readonly csat: string;
  readonly nps: string;
}

function definitionTexts(d: ReportDefinitions, csat: CustomerSatisfactionScoreResult | undefined): DefinitionTexts {
  const hours = d.businessHours === null ? 'calendar time' : `business time (${d.businessHours})`;
  const period = d.period === null ? '' : ` Tickets created in [${d.period.from}, ${d.period.to}).`;
  const level = (csat?.interval?.level ?? 0.95) * 100;
  let csatText = 'CSAT: share of satisfied answers among answered surveys.';
  if (csat !== undefined) {
    const scale = `${csat.scale.min}–${csat.scale.max}`;
    csatText =
      csat.method === 'mean'
        ? `CSAT: mean rating on ${scale}.`
        : `CSAT (${csat.method}): answers ${csat.satisfiedFrom}–${csat.scale.max} on ${scale} ÷ answered surveys; Wilson ${level} % interval.`;
  }
  return {
    frt: `First response time: first public agent reply − ticket creation (Zendesk "first reply time"), in ${hours}; median and p90 (R-7) over tickets with a reply.${period}`,
    resolution: `Resolution time: last solve − creation (Zendesk "full resolution time"), in ${hours}; over resolved tickets.${d.period === null ? '' : ` Tickets resolved in [${d.period.from}, ${d.period.to}).`}`,
    fcr: `First contact resolution: tickets resolved with at most one public agent reply and never reopened ÷ eligible resolved tickets (Zendesk "one-touch"), as of ${d.at}; Wilson 95 % interval.${period}`,
    sla: `SLA achieved: targets met ÷ (met + breached) (Zendesk "% achieved SLA targets"), as of ${d.at}; running targets not yet due are pending, outside the denominator. All tickets of the input.`,
    backlog: `Backlog: tickets created by ${d.at} and not solved or closed then (Zendesk "unsolved tickets"); aged: older than 7 days.`,
    volume: `Tickets created per ${d.interval} in ${d.timeZone} (Zendesk "tickets created").${period}`,
    csat: csatText,
    nps: 'NPS: % promoters (9–10) − % detractors (0–6) of answers on 0–10; 95 % interval (normal approximation).',
  };
}

function durationFigure(definition: string, s: DurationSummary): DurationFigure {
  return {
    definition,
    n: s.count,
    meanMs: orNull(s.meanMs),
    medianMs: orNull(s.medianMs),
    p90Ms: orNull(s.percentilesMs.p90),
    minMs: orNull(s.minMs),
    maxMs: orNull(s.maxMs),
    totalMs: orNull(s.totalMs),
    percentiles: Object.entries(s.percentilesMs).map(([k, v]) => ({ p: Number(k.slice(1)), ms: orNull(v) })),
    excluded: exclusions(s.excluded),
  };
}

function rateFigure(definition: string, r: RateResult): RateFigure {
  return {
    definition,
    numerator: r.numerator,
    denominator: r.denominator,
    percent: orNull(r.percent),
    interval: r.interval === undefined ? null : { low: r.interval.low * 100, high: r.interval.high * 100, level: r.interval.level },
    excluded: exclusions(r.excluded),
  };
}

function slaPercent(s: SlaSummary): number | null {
  return orNull(s.rate.percent);
}

function backlogFigure(definition: string, b: BacklogResult): BacklogFigure {
  return {
    definition,
    at: iso(b.at),
    count: b.count,
    aged: b.aged,
    olderThanMs: b.olderThanMs,
    byAge: Object.entries(b.byAge).map(([age, count]) => ({ age, count })),
    medianAgeMs: orNull(b.ageSummary.medianMs),
    excluded: exclusions(b.excluded),
  };
}

function npsFigure(definition: string, n: NetPromoterScoreResult): NpsFigure {
  return {
    definition,
    n: n.count,
    score: orNull(n.score),
    promoters: n.promoters,
    passives: n.passives,
    detractors: n.detractors,
    marginOfError: orNull(n.marginOfError),
    interval: n.interval === undefined ? null : { ...n.interval },
    excluded: exclusions(n.excluded),
  };
}

/** The text of a group value in a label. */
export function valueText(v: GroupValue): string {
  if (v === null) return '(none)';
  return String(v);
}

function keyRows(key: GroupKey, dims: readonly string[]): [string, GroupValue][] {
  const names = Object.keys(key);
  // The key's own order is the breakdown's; dims are only a fallback for the names.
  return (names.length > 0 ? names : dims).map((d) => [d, key[d] ?? null] as [string, GroupValue]);
}

/** One string per group key, to join the groups of the metrics (a JSON array of the values: no collisions). */
function keyId(key: GroupKey): string {
  return JSON.stringify(Object.keys(key).map((k) => [k, key[k]]));
}

/** Builds the report. */
export function buildReport(results: MetricResults, definitions: Omit<ReportDefinitions, 'interval'>, input: InputSummary, version: string): Report {
  const d: ReportDefinitions = { ...definitions, interval: results.interval };
  const t = definitionTexts(d, results.csat);
  const frt = durationFigure(t.frt, results.firstResponseTime);
  const res = durationFigure(t.resolution, results.resolutionTime);
  const fcr = rateFigure(t.fcr, results.firstContactResolution);
  const bl = backlogFigure(t.backlog, results.backlog);
  const volume: VolumeFigure = {
    definition: t.volume,
    total: results.volume.total,
    averagePerBucket: orNull(results.volume.averagePerBucket),
    excluded: exclusions(results.volume.excluded),
  };
  const s = results.slaCompliance;
  const sla: SlaFigure | null =
    s === undefined
      ? null
      : {
          ...rateFigure(t.sla, s.overall.rate),
          achieved: s.overall.achieved,
          breached: s.overall.breached,
          pending: s.overall.pending,
          byTarget: Object.entries(s.byTarget).map(([target, v]) => ({ target, achieved: v.achieved, breached: v.breached, pending: v.pending, percent: slaPercent(v) })),
        };
  const outside = results.surveysOutside.count;
  const c = results.csat;
  const csat: CsatFigure | null =
    c === undefined
      ? null
      : (() => {
          const r = rateFigure(t.csat, c);
          return {
            ...r,
            excluded: plus(r.excluded, 'out_of_period', outside),
            method: c.method,
            scale: `${c.scale.min}-${c.scale.max}`,
            satisfiedFrom: c.satisfiedFrom,
            score: orNull(c.score),
            mean: orNull(c.mean),
          };
        })();
  const nps: NpsFigure | null = results.nps === undefined ? null : (() => {
    const f = npsFigure(t.nps, results.nps);
    return { ...f, excluded: plus(f.excluded, 'out_of_period', outside) };
  })();

  const headline: Headline[] = [
    { id: 'tickets', label: 'Tickets created', unit: 'count', value: volume.total, interval: null, numerator: null, denominator: null, n: volume.total, excluded: volume.excluded, definition: volume.definition },
    { id: 'frt_median', label: 'First response time, median', unit: 'ms', value: frt.medianMs, interval: null, numerator: null, denominator: null, n: frt.n, excluded: frt.excluded, definition: frt.definition },
    { id: 'frt_p90', label: 'First response time, p90', unit: 'ms', value: frt.p90Ms, interval: null, numerator: null, denominator: null, n: frt.n, excluded: frt.excluded, definition: frt.definition },
    { id: 'resolution_median', label: 'Resolution time, median', unit: 'ms', value: res.medianMs, interval: null, numerator: null, denominator: null, n: res.n, excluded: res.excluded, definition: res.definition },
    { id: 'resolution_p90', label: 'Resolution time, p90', unit: 'ms', value: res.p90Ms, interval: null, numerator: null, denominator: null, n: res.n, excluded: res.excluded, definition: res.definition },
    { id: 'fcr', label: 'First contact resolution', unit: 'percent', value: fcr.percent, interval: fcr.interval, numerator: fcr.numerator, denominator: fcr.denominator, n: fcr.denominator, excluded: fcr.excluded, definition: fcr.definition },
  ];
  if (sla !== null) {
    headline.push({ id: 'sla', label: 'SLA achieved', unit: 'percent', value: sla.percent, interval: sla.interval, numerator: sla.numerator, denominator: sla.denominator, n: sla.denominator, excluded: sla.excluded, definition: sla.definition });
  }
  headline.push(
    { id: 'backlog', label: 'Backlog', unit: 'count', value: bl.count, interval: null, numerator: null, denominator: null, n: bl.count, excluded: bl.excluded, definition: bl.definition },
    { id: 'backlog_aged', label: 'Backlog older than 7 days', unit: 'count', value: bl.aged, interval: null, numerator: bl.aged, denominator: bl.count, n: bl.count, excluded: bl.excluded, definition: bl.definition },
  );
  if (csat !== null) {
    headline.push({
      id: 'csat',
      label: 'CSAT',
      unit: csat.method === 'mean' ? 'score' : 'percent',
      value: csat.method === 'mean' ? csat.mean : csat.percent,
      interval: csat.method === 'mean' ? null : csat.interval,
      numerator: csat.numerator,
      denominator: csat.denominator,
      n: csat.denominator,
      excluded: csat.excluded,
      definition: csat.definition,
    });
  }
  if (nps !== null) {
    headline.push({ id: 'nps', label: 'NPS', unit: 'score', value: nps.score, interval: nps.interval, numerator: null, denominator: null, n: nps.n, excluded: nps.excluded, definition: nps.definition });
  }

  const charts: Report['charts'] = {
    volume: results.volume.buckets.map((b) => ({ label: b.label, start: iso(b.start), count: b.count })),
    backlog: (results.backlogSeries?.buckets ?? []).map((b) => ({ label: b.label, start: iso(b.start), created: b.created, resolved: b.resolved, reopened: b.reopened, backlog: b.backlog })),
    backlogOpening: results.backlogSeries === undefined ? null : results.backlogSeries.opening,
    slaByPriority: (s?.groups ?? []).map((g) => ({
      priority: valueText(g.key.priority ?? null),
      achieved: g.overall.achieved,
      breached: g.overall.breached,
      pending: g.overall.pending,
      percent: slaPercent(g.overall),
    })),
  };

  const breakdowns: BreakdownTable[] = results.breakdowns.map((b) => {
    const rows = new Map<string, { key: GroupKey; parts: Partial<Record<string, unknown>> }>();
    const put = (metric: string, groups: readonly ({ key: GroupKey } & object)[] | undefined): void => {
      for (const g of groups ?? []) {
        const id = keyId(g.key);
        let row = rows.get(id);
        if (row === undefined) {
          row = { key: g.key, parts: {} };
          rows.set(id, row);
        }
        row.parts[metric] = g;
      }
    };
    put('volume', b.volume.groups);
    put('frt', b.firstResponseTime.groups);
    put('res', b.resolutionTime.groups);
    put('fcr', b.firstContactResolution.groups);
    put('backlog', b.backlog.groups);
    put('sla', b.slaCompliance?.groups);
    const duration = (g: unknown) => {
      const x = g as DurationSummary | undefined;
      return { n: x?.count ?? 0, medianMs: orNull(x?.medianMs), p90Ms: orNull(x?.percentilesMs.p90), excluded: x?.excluded.total ?? 0 };
    };
    return {
      name: b.breakdown.name,
      dimensions: b.breakdown.dimensions,
      rows: [...rows.values()].map(({ key, parts }) => {
        const f = parts.fcr as RateResult | undefined;
        const sl = parts.sla as { overall: SlaSummary; excluded: Excluded } | undefined;
        const k = keyRows(key, b.breakdown.dimensions);
        return {
          key: k,
          label: k.map(([, v]) => valueText(v)).join(' × '),
          tickets: (parts.volume as { total?: number } | undefined)?.total ?? 0,
          firstResponseTime: duration(parts.frt),
          resolutionTime: duration(parts.res),
          firstContactResolution: { numerator: f?.numerator ?? 0, denominator: f?.denominator ?? 0, percent: orNull(f?.percent), excluded: f?.excluded.total ?? 0 },
          slaCompliance:
            b.slaCompliance === undefined
              ? null
              : { numerator: sl?.overall.rate.numerator ?? 0, denominator: sl?.overall.rate.denominator ?? 0, percent: sl === undefined ? null : slaPercent(sl.overall), excluded: sl?.excluded.total ?? 0 },
          backlog: { count: (parts.backlog as BacklogResult | undefined)?.count ?? 0, excluded: (parts.backlog as BacklogResult | undefined)?.excluded.total ?? 0 },
        };
      }),
    };
  });

  return {
    tool: 'helpdesk-metrics',
    version,
    definitions: d,
    input,
    headline,
    metrics: { volume, firstResponseTime: frt, resolutionTime: res, firstContactResolution: fcr, backlog: bl, slaCompliance: sla, csat, nps },
    charts,
    breakdowns,
  };
}

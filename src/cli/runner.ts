/**
 * The metrics runner: tickets and survey responses in (as an async stream of batches), the library's results
 * out. This is the seam where the streaming Node entry (src/node/: incremental, mergeable metrics on
 * worker_threads) plugs in: it implements {@link MetricsRunner} and is passed to `runReport` in place of
 * {@link inProcessRunner}; reading, importing, the formats, the dashboard and the tests stay as they are.
 *
 * The in-process runner gathers the batches (the metrics need every ticket in memory today), prepares them once
 * (`prepareTickets`) and runs each metric on the prepared set: once overall, and once per breakdown.
 *
 * @internal
 * @module
 */
import {
  backlog,
  backlogSeries,
  customerSatisfactionScore,
  firstContactResolution,
  firstResponseTime,
  netPromoterScore,
  prepareTickets,
  resolutionTime,
  slaCompliance,
  ticketVolume,
  type BacklogResult,
  type BacklogSeriesResult,
  type CustomerSatisfactionScoreOptions,
  type CustomerSatisfactionScoreResult,
  type DurationSummary,
  type FirstContactResolutionExclusion,
  type FirstResponseTimeExclusion,
  type NetPromoterScoreOptions,
  type NetPromoterScoreResult,
  type PreparedTickets,
  type RateResult,
  type ResolutionTimeExclusion,
  type Schedule,
  type SlaComplianceResult,
  type SlaPolicy,
  type SurveyResponse,
  type Ticket,
  type TicketBy,
  type TicketVolumeResult,
} from '../index.js';
import type { Interval } from './settings.js';

/** One batch of the library's records. */
export interface TicketBatch {
  readonly tickets: readonly Ticket[];
  readonly surveys: readonly SurveyResponse[];
}

/** One breakdown: its name (`'channel'`, `'channel+priority'`), its dimension names and its `by`. */
export interface Breakdown {
  readonly name: string;
  readonly dimensions: readonly string[];
  readonly by: TicketBy;
}

/** What to compute: every definition the options fixed, as the library takes them. */
export interface MetricsPlan {
  readonly at: number;
  readonly period: { readonly from: number; readonly to: number } | undefined;
  readonly timeZone: string;
  /** `undefined`: chosen from the range (day up to 92 days, week up to two years, else month). */
  readonly interval: Interval | undefined;
  readonly breakdowns: readonly Breakdown[];
  readonly businessHours: Schedule | undefined;
  readonly sla: SlaPolicy | undefined;
  readonly surveys: { readonly metric: 'csat'; readonly options: CustomerSatisfactionScoreOptions } | { readonly metric: 'nps'; readonly options: NetPromoterScoreOptions };
  readonly invalid: 'throw' | 'exclude';
  /** The zone in which tickets' ISO strings without an offset are read (only when the user named one). */
  readonly readTimeZone: string | undefined;
}

/** The percentiles every duration is summarised at: the distribution charts draw them (p0 … p100 every 5). */
export const PERCENTILES: readonly number[] = Array.from({ length: 21 }, (_, i) => i * 5);

/** The results of one breakdown, each carrying `groups`. */
export interface BreakdownResults {
  readonly breakdown: Breakdown;
  readonly volume: TicketVolumeResult;
  readonly firstResponseTime: DurationSummary<FirstResponseTimeExclusion>;
  readonly resolutionTime: DurationSummary<ResolutionTimeExclusion>;
  readonly firstContactResolution: RateResult<FirstContactResolutionExclusion>;
  readonly backlog: BacklogResult;
  readonly slaCompliance: SlaComplianceResult | undefined;
}

/** Survey responses left out before scoring (outside `--period`), by id. */
export interface SurveysOutside {
  readonly count: number;
  readonly ids: readonly string[];
}

/** Everything the report is made of. */
export interface MetricResults {
  readonly tickets: number;
  readonly surveys: number;
  readonly interval: Interval;
  readonly volume: TicketVolumeResult;
  readonly backlogSeries: BacklogSeriesResult | undefined;
  readonly firstResponseTime: DurationSummary<FirstResponseTimeExclusion>;
  readonly resolutionTime: DurationSummary<ResolutionTimeExclusion>;
  readonly firstContactResolution: RateResult<FirstContactResolutionExclusion>;
  readonly backlog: BacklogResult;
  /** Overall: with `groups` by priority. */
  readonly slaCompliance: SlaComplianceResult | undefined;
  readonly csat: CustomerSatisfactionScoreResult | undefined;
  readonly nps: NetPromoterScoreResult | undefined;
  readonly surveysOutside: SurveysOutside;
  readonly breakdowns: readonly BreakdownResults[];
}

/** What a runner says while it works (the progress line shows it). */
export type RunnerPhase = 'preparing' | 'computing';

/** Computes the report's metrics from batches of tickets and surveys. */
export interface MetricsRunner {
  run(batches: AsyncIterable<TicketBatch>, plan: MetricsPlan, onPhase?: (phase: RunnerPhase) => void): Promise<MetricResults>;
}

const DAY_MS = 86_400_000;

/** The bucket of the charts for a range of `days`. */
export function intervalFor(days: number): Interval {
  if (days <= 92) return 'day';
  if (days <= 731) return 'week';
  return 'month';
}

/** The survey instant in epoch ms, when it has a readable one (importers give epoch ms). */
function surveyMs(s: SurveyResponse): number | undefined {
  const at = (s as { at?: unknown } | null)?.at;
  if (typeof at === 'number' && Number.isFinite(at)) return at;
  if (at instanceof Date) return at.getTime();
  if (typeof at === 'string' && /[zZ]|[+-]\d\d:?\d\d$/.test(at)) {
    const ms = Date.parse(at);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** Surveys inside the period (those without a readable instant are kept: the metric counts them). */
export function surveysInPeriod(surveys: readonly SurveyResponse[], period: MetricsPlan['period']): { kept: SurveyResponse[]; outside: SurveysOutside } {
  if (period === undefined) return { kept: surveys.slice(), outside: { count: 0, ids: [] } };
  const kept: SurveyResponse[] = [];
  const ids: string[] = [];
  surveys.forEach((s, i) => {
    const ms = surveyMs(s);
    if (ms === undefined || (ms >= period.from && ms < period.to)) kept.push(s);
    else {
      const id = (s as { id?: unknown } | null)?.id;
      ids.push(typeof id === 'string' || typeof id === 'number' ? String(id) : `#${i}`);
    }
  });
  return { kept, outside: { count: ids.length, ids } };
}

/** Runs every metric of the plan on a prepared set. Shared by runners that hold the whole set. */
export function computeMetrics(prepared: PreparedTickets, surveys: readonly SurveyResponse[], plan: MetricsPlan): MetricResults {
  const { at, period, timeZone, businessHours } = plan;
  const hours = businessHours === undefined ? {} : { businessHours };
  const inPeriod = period === undefined ? {} : { period };
  let interval = plan.interval;
  let volume: TicketVolumeResult;
  if (interval === undefined) {
    if (period !== undefined) {
      interval = intervalFor((period.to - period.from) / DAY_MS);
      volume = ticketVolume(prepared, { interval, timeZone, period });
    } else {
      const days = ticketVolume(prepared, { interval: 'day', timeZone });
      interval = intervalFor(days.buckets.length);
      volume = interval === 'day' ? days : ticketVolume(prepared, { interval, timeZone });
    }
  } else {
    volume = ticketVolume(prepared, { interval, timeZone, ...inPeriod });
  }
  const first = volume.buckets[0];
  const last = volume.buckets[volume.buckets.length - 1];
  const range = period ?? (first !== undefined && last !== undefined ? { from: first.start, to: last.end } : undefined);
  const series = range === undefined ? undefined : backlogSeries(prepared, { period: range, interval, timeZone });
  const durations = { percentiles: PERCENTILES, ...hours, ...inPeriod };
  const sla = plan.sla === undefined ? undefined : { ...plan.sla, at };
  const kept = surveysInPeriod(surveys, period);
  const run = (by: TicketBy | undefined) => {
    const b = by === undefined ? {} : { by };
    return {
      volume: by === undefined ? volume : ticketVolume(prepared, { interval, timeZone, ...inPeriod, by }),
      firstResponseTime: firstResponseTime(prepared, { ...durations, ...b }),
      resolutionTime: resolutionTime(prepared, { ...durations, ...b }),
      firstContactResolution: firstContactResolution(prepared, { at, ...inPeriod, ...b }),
      backlog: backlog(prepared, { at, ...b }),
      // Overall, SLA is broken down by priority (the dashboard's chart): the overall figures are the same.
      slaCompliance: sla === undefined ? undefined : slaCompliance(prepared, { ...sla, by: by ?? 'priority' }),
    };
  };
  const overall = run(undefined);
  return {
    tickets: prepared.count,
    surveys: surveys.length,
    interval,
    backlogSeries: series,
    ...overall,
    csat: plan.surveys.metric === 'csat' && surveys.length > 0 ? customerSatisfactionScore(kept.kept, plan.surveys.options) : undefined,
    nps: plan.surveys.metric === 'nps' && surveys.length > 0 ? netPromoterScore(kept.kept, plan.surveys.options) : undefined,
    surveysOutside: kept.outside,
    breakdowns: plan.breakdowns.map((breakdown) => ({ breakdown, ...run(breakdown.by) })),
  };
}

/**
 * The runner of today: every batch gathered in memory, prepared once, every metric run in this thread. Memory:
 * the tickets themselves plus about 80 bytes per ticket and 13 per event of prepared columns.
 */
export const inProcessRunner: MetricsRunner = {
  async run(batches, plan, onPhase) {
    const tickets: Ticket[] = [];
    const surveys: SurveyResponse[] = [];
    for await (const batch of batches) {
      for (const t of batch.tickets) tickets.push(t);
      for (const s of batch.surveys) surveys.push(s);
    }
    onPhase?.('preparing');
    const prepared = prepareTickets(tickets, {
      invalid: plan.invalid,
      ...(plan.readTimeZone === undefined ? {} : { timeZone: plan.readTimeZone }),
    });
    onPhase?.('computing');
    return computeMetrics(prepared, surveys, plan);
  },
};

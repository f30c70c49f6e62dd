/**
 * helpdesk-metrics: exact, auditable customer-support metric calculators.
 *
 * Named re-exports only; every function is pure and importing one does not pull in the others.
 *
 * @packageDocumentation
 */
export type * from './model/index.js';
export { MetricsError, type MetricsErrorCode, type MetricsErrorDetails } from './results/errors.js';
export type { Excluded, InvalidReason } from './results/excluded.js';
export type { DurationSummary, SummaryOptions } from './results/durationSummary.js';
export type { RateResult, RateInterval } from './results/rate.js';
export type { QuantileMethod } from './_lib/quantile.js';
export type { InvalidMode, Period, TicketInputOptions, QualifyingReplyPredicate } from './_lib/tickets.js';
export type { AttributeTo, PeriodOptions } from './_lib/period.js';

export * from './metrics/firstResponseTime/index.js';
export * from './metrics/averageResponseTime/index.js';
export * from './metrics/resolutionTime/index.js';
export * from './metrics/averageResolutionTime/index.js';

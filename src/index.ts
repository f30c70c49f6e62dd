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
export type { InvalidMode, Period, InvalidOptions, ConfidenceOptions, EvaluationOptions } from './options/shared.js';
export type { AttributeTo, PeriodOptions } from './options/period.js';
export type { AgentCreatedMode } from './options/tickets.js';
export type { GroupValue, GroupKey, Group, Grouped } from './results/groups.js';
export type { By, BreakdownOptions, Dimension, KeyFunction, NamedKey, TimeBucketKey } from './pipeline/breakdown.js';
export type { TicketBy, TicketField, TicketInstant } from './pipeline/ticketBy.js';
export type { EligibilityOptions, IneligibleReason } from './pipeline/ticketDriver.js';
export {
  prepareTickets,
  type PreparedTickets,
  type PrepareTicketsOptions,
  type TicketInputOptions,
  type QualifyingReplyOptions,
  type QualifyingReplyPredicate,
} from './pipeline/ticketSource.js';

export * from './metrics/firstResponseTime/index.js';
export * from './metrics/averageResponseTime/index.js';
export * from './metrics/resolutionTime/index.js';
export * from './metrics/averageResolutionTime/index.js';

export * from './metrics/netPromoterScore/index.js';
export * from './metrics/compareNetPromoterScores/index.js';
export * from './metrics/customerSatisfactionScore/index.js';
export * from './metrics/customerEffortScore/index.js';
export * from './metrics/customerRetentionRate/index.js';
export * from './metrics/churnRate/index.js';
export * from './metrics/costPerContact/index.js';
export type { ScoreScale, ScoreScaleName, ScaleOption, SurveyAnswer, SurveyExclusion } from './_lib/surveys.js';
export type { SurveyBy, SurveyField, SurveyInstant, SurveyTimeOptions } from './pipeline/surveyBy.js';
export type { RoundingMode } from './_lib/money.js';
export type { CustomerRecord, CustomerCounts, CustomerRecordOptions, CustomerExclusion } from './_lib/customers.js';

export type { CallIntervalRow } from './read/intervalRows.js';
export { prepareCalls, type PreparedCalls, type PrepareCallsOptions, type CallInputOptions } from './pipeline/callSource.js';
export type { ClockStart, ClockOptions, CallPeriodOptions } from './options/calls.js';
export type { CallBy, CallField, CallInstant, CallIntervalRowBy, CallRateBy } from './pipeline/callBy.js';
export * from './metrics/abandonmentRate/index.js';
export * from './metrics/serviceLevel/index.js';
export * from './metrics/averageSpeedOfAnswer/index.js';
export * from './metrics/averageHandleTime/index.js';
export * from './metrics/averageAbandonTime/index.js';
export * from './queueing/erlangC/index.js';
export * from './queueing/requiredAgents/index.js';

export * from './calendar/index.js';
export * from './metrics/slaCompliance/index.js';

export * from './metrics/firstContactResolution/index.js';
export * from './metrics/resolutionRate/index.js';
export * from './metrics/reopenRate/index.js';
export * from './metrics/backlog/index.js';
export * from './metrics/backlogSeries/index.js';
export * from './metrics/interactionsPerTicket/index.js';
export * from './metrics/ticketVolume/index.js';

export type { LiveQueueOptions, QueueSla, WaitingOn } from './metrics/queueState.js';
export * from './metrics/prioritizeQueue/index.js';
export * from './metrics/queueSnapshot/index.js';
export * from './metrics/timeInStatus/index.js';
export * from './metrics/assignmentTime/index.js';
export * from './metrics/assignmentStations/index.js';
export * from './metrics/reassignmentRate/index.js';
export * from './metrics/agentActivity/index.js';
export * from './metrics/botResolutionRate/index.js';
export type { BucketInterval, WeekStartDay } from './_lib/buckets.js';

export * from './import/zendesk/index.js';
export * from './import/freshdesk/index.js';
export * from './import/intercom/index.js';
export * from './import/helpscout/index.js';
export * from './import/chatwoot/index.js';
export * from './import/rows/index.js';
export type {
  ImportCount,
  ImportExcluded,
  ImportExclusion,
  ImportExclusionReason,
  ImportOptions,
  ImportRecordRef,
  ImportResult,
  ImportWarning,
  ImportWarningCode,
} from './import/_lib/result.js';
export type { TimeUnit } from './import/_lib/time.js';

export {
  startMetric,
  resumeMetric,
  startMetrics,
  resumeMetrics,
  runMetrics,
  type IncrementalMetric,
  type IncrementalMetricName,
  type StartOptions,
  type AddOptions,
  type MetricRun,
  type MetricState,
  type MetricPlan,
  type MetricSetRun,
  type MetricSetState,
  type RunMetricsOptions,
  type MetricResult,
  type MetricOptions,
} from './pipeline/incremental.js';

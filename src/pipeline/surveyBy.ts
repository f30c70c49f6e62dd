/**
 * The `by` option of the survey metrics.
 *
 * @module
 */
import type { SurveyAnswer } from '../_lib/surveys.js';
import type { By } from './breakdown.js';

/**
 * A survey response field to break a survey score down by: `'channel'`, `'agentId'` (or `'agent'`, the same
 * field, the group key then named `agent`), `'ticketId'`. A bare number has no fields: it is in the `null`
 * group of every field (a key function still receives it).
 *
 * @category Breakdowns
 */
export type SurveyField = 'channel' | 'agentId' | 'agent' | 'ticketId';

/**
 * The instant of a survey response a time bucket can be taken of: `'at'`, when it was answered (responses
 * without `at`, bare numbers among them, are in the `null` group).
 *
 * @category Breakdowns
 */
export type SurveyInstant = 'at';

/**
 * The `by` option of every survey score: a {@link SurveyField}, a key function of the answer, a time bucket of
 * `'at'`, or an array of these (a cross-tabulation).
 *
 * @category Breakdowns
 */
export type SurveyBy = By<SurveyAnswer, SurveyField, SurveyInstant>;

/**
 * Options every survey score takes for reading `at` (read only by a time bucket of `'at'` in `by`).
 *
 * @category Surveys
 */
export interface SurveyTimeOptions {
  /** IANA zone in which to read `at` strings that carry no offset. Without it such strings are errors. */
  readonly timeZone?: string;
  /** Accept `at` epoch numbers and `Date`s before 1975 (else `epoch_seconds`). @defaultValue `false` */
  readonly allowEarlyTimestamps?: boolean;
}

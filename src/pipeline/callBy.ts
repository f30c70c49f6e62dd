/**
 * The `by` option of the call metrics.
 *
 * @module
 */
import type { Call } from '../model/index.js';
import type { CallIntervalRow } from '../read/intervalRows.js';
import type { By } from './breakdown.js';

/**
 * A call field to break a call metric down by: `'channel'`, `'agentId'`, or `'agent'` (the same field under the
 * name users of contact-centre reports know; the group key is then named `agent`).
 *
 * @category Breakdowns
 */
export type CallField = 'channel' | 'agentId' | 'agent';

/**
 * The instants of a call a time bucket can be taken of: queue entry (the default, as interval reports count
 * offered calls), the answer, the end (`endedAt`; reading it validates the handling fields, as
 * `averageHandleTime` does).
 *
 * @category Breakdowns
 */
export type CallInstant = 'queued' | 'answered' | 'ended';

/**
 * The `by` option of every call metric given calls: a {@link CallField}, a key function of the call, a time
 * bucket of a {@link CallInstant}, or an array of these (a cross-tabulation).
 *
 * @category Breakdowns
 */
export type CallBy = By<Call, CallField, CallInstant>;

/**
 * The `by` option of `abandonmentRate` and `serviceLevel` given interval rows: `'channel'`, a key function of
 * the row, a time bucket of `'interval'` (`intervalStart`: a day of half-hour rows), or an array of these.
 * Each row's counts go to its group whole.
 *
 * @category Breakdowns
 */
export type CallIntervalRowBy = By<CallIntervalRow, 'channel', 'interval'>;

/**
 * The `by` option of `abandonmentRate` and `serviceLevel`, which take calls or interval rows: a key function
 * receives the record as given (a `Call` or a `CallIntervalRow`); `'agent'`, `'agentId'`, `'answered'` and
 * `'ended'` apply to calls only, `'interval'` to rows only.
 *
 * @category Breakdowns
 */
export type CallRateBy = By<Call | CallIntervalRow, CallField, CallInstant | 'interval'>;

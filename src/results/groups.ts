/**
 * The shape of a breakdown in a result: `groups`, an array of rows with a `key`.
 *
 * @module
 */

/**
 * One value of a group key: a string, number or boolean; `null` for "no value".
 *
 * @category Breakdowns
 */
export type GroupValue = string | number | boolean | null;

/**
 * The key of a group: one value per dimension, by dimension name (`{ channel: 'email', week: '2026-03-02' }`).
 *
 * @category Breakdowns
 */
export type GroupKey = Readonly<Record<string, GroupValue>>;

/**
 * A group of a result: its `key` and the result's own figures for the records in the group.
 *
 * @category Breakdowns
 */
export type Group<T> = Omit<T, 'groups'> & { readonly key: GroupKey };

/**
 * What a result gains with the `by` option: `groups`, in the documented order (docs/metrics.md, "Breakdowns").
 *
 * @category Breakdowns
 */
export interface Grouped<T> {
  /** Present with `by`: one row per group, each with its `key` and the same figures as the whole. */
  readonly groups?: readonly Group<T>[];
}

/**
 * What every options reader shares: printing a value faithfully in a message, rejecting option keys the
 * function does not know (a typo must not silently change a definition), and wrapping an error thrown by a
 * user callback.
 *
 * @internal
 * @module
 */
import { describe } from '../results/describe.js';
import { MetricsError } from '../results/errors.js';

export { describe };

/** Optimal string alignment distance (Levenshtein with adjacent transpositions), case-insensitive. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const m = s.length;
  const n = t.length;
  if (Math.abs(m - n) > 3) return Math.abs(m - n);
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] as number;
}

/** @internal The known name nearest to `name`, when one is close enough to be a likely typo. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.min(3, Math.floor(Math.max(name.length, best.length) / 3)));
  return bestD <= limit ? best : undefined;
}

/**
 * @internal Throws `invalid_option` unless `options` is `undefined` or a plain object (not an array, a
 * function or a Date); then throws `invalid_option` for the first own key that is not in `known`, naming the
 * nearest known key when one is close (`bussinessHours` → `businessHours`). `path` prefixes the key in the
 * error's field (`'policy'`, `'targets.urgent'`). Symbol keys are ignored; a key set to `undefined` counts.
 */
export function checkOptionKeys(
  functionName: string,
  options: unknown,
  known: readonly string[],
  path?: string,
): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options) || options instanceof Date) {
    throw new MetricsError({
      code: 'invalid_option',
      functionName,
      field: path ?? 'options',
      rule: `must be an object of options, got ${describe(options)}`,
    });
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const near = nearestName(key, known);
    // An empty key still needs a field to name: `options[""]`.
    const name = key === '' ? `${path ?? 'options'}[""]` : path === undefined ? key : `${path}.${key}`;
    throw new MetricsError({
      code: 'invalid_option',
      functionName,
      field: name,
      rule:
        `unknown option ${JSON.stringify(key)}` +
        (near === undefined ? `; known options: ${known.join(', ')}` : `; did you mean ${JSON.stringify(near)}?`),
    });
  }
}

/** @internal Where a user callback was called: the option and, when it ran on a record, which one. */
export interface CallbackSite {
  readonly functionName: string;
  /** The option holding the callback (`'isQualifyingReply'`, `'eligible'`, `'by'`). */
  readonly option: string;
  readonly collection?: string | undefined;
  readonly recordIndex?: number | undefined;
  readonly recordId?: string | undefined;
}

/**
 * @internal Turns what a user callback threw into a {@link MetricsError} (`callback_failed`) naming the option
 * and the record, with the original error as `cause`. A `MetricsError` thrown by the callback passes through.
 */
export function callbackError(site: CallbackSite, caught: unknown): MetricsError {
  if (caught instanceof MetricsError) return caught;
  let what: string;
  if (caught instanceof Error) what = `${caught.name}: ${caught.message}`;
  else what = describe(caught);
  return new MetricsError({
    code: 'callback_failed',
    functionName: site.functionName,
    field: site.option,
    collection: site.collection,
    recordIndex: site.recordIndex,
    recordId: site.recordId,
    rule: `the ${site.option} callback threw ${what}`,
    cause: caught,
  });
}

/**
 * How the text formats (table, Markdown) write values: durations in words, percentages with their
 * interval, counts with thousands separators, exclusions as `total (reason n, …)`. The dashboard's client
 * has the same rules in its own bundle (src/cli/dashboard/client.ts imports this file).
 *
 * @internal
 * @module
 */
import { formatDuration } from '../durations.js';
import type { Exclusions, Headline, Report } from '../report.js';

/** A count: `1,234,567`. */
export function count(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return Math.round(n) === n ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** A percentage: `83.3 %`. */
export function percent(p: number | null | undefined): string {
  if (p === null || p === undefined) return '—';
  return `${p.toFixed(1)} %`;
}

/** A score such as NPS or a mean rating: `41.2`. */
export function score(s: number | null | undefined): string {
  if (s === null || s === undefined) return '—';
  return s.toFixed(Math.abs(s) >= 10 ? 1 : 2);
}

/** The value of a headline figure in its unit. */
export function headlineValue(h: Headline): string {
  switch (h.unit) {
    case 'ms':
      return formatDuration(h.value);
    case 'percent':
      return percent(h.value);
    case 'score':
      return score(h.value);
    case 'count':
      return count(h.value);
  }
}

/** The interval of a headline figure: `[57.7–67.1]`, or `''`. */
export function headlineInterval(h: Headline): string {
  if (h.interval === null) return '';
  const f = h.unit === 'percent' ? (v: number) => v.toFixed(1) : (v: number) => score(v);
  return `${Math.round(h.interval.level * 100)} % CI ${f(h.interval.low)}–${f(h.interval.high)}`;
}

/** `numerator / denominator` of a rate, or `''`. */
export function headlineRatio(h: Headline): string {
  if (h.numerator === null || h.denominator === null) return '';
  return `${count(h.numerator)} / ${count(h.denominator)}`;
}

/** Exclusions: `50 (no_reply 40, ineligible:spam 10)`, reasons by count, largest first. */
export function excludedText(e: Exclusions): string {
  const reasons = Object.entries(e.byReason).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (e.total === 0) return '0';
  return `${count(e.total)} (${reasons.map(([r, n]) => `${r} ${count(n)}`).join(', ')})`;
}

/** The report's one-line subject: how many records from which files, as of when. */
export function subjectLine(r: Report): string {
  const files = r.input.files.map((f) => f.path).join(', ');
  return `${count(r.input.tickets)} tickets from ${files} (${r.input.source})`;
}

/** The definitions line: instant, period, zone, bucket, business hours. */
export function definitionsLine(r: Report): string {
  const d = r.definitions;
  const parts = [`as of ${d.at}${d.atFrom === 'clock' ? ' (now)' : ''}`];
  if (d.period !== null) parts.push(`period ${d.period.from} .. ${d.period.to}`);
  parts.push(`time zone ${d.timeZone}`, `per ${d.interval}`, d.businessHours === null ? 'calendar time' : `business hours: ${d.businessHours}`);
  return parts.join(' · ');
}

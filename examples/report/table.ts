/**
 * The report's table format: every section is a titled list of rows (metric, value, how it was counted).
 */

export interface ReportRow {
  /** The metric and its definition in a few words, such as 'FRT mean (Zendesk definition)'. */
  readonly metric: string;
  /** The value, formatted with its unit, such as '1 h 02 min' or '87.50 %'. */
  readonly value: string;
  /** The audit trail: n, numerator/denominator, exclusions by reason. */
  readonly detail: string;
}

export interface ReportSection {
  readonly title: string;
  readonly rows: readonly ReportRow[];
}

/** Formats a duration in ms for people: '2 d 03 h', '1 h 02 min', '12 min 05 s', '850 ms'; '—' for undefined. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '—';
  const s = Math.round(ms / 1000);
  if (s < 1) return `${Math.round(ms)} ms`;
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const two = (x: number): string => String(x).padStart(2, '0');
  if (d > 0) return `${d} d ${two(h)} h`;
  if (h > 0) return `${h} h ${two(m)} min`;
  if (m > 0) return `${m} min ${two(sec)} s`;
  return `${sec} s`;
}

/** Formats a percentage (0..100) with two decimals; '—' for undefined. */
export function formatPercent(p: number | undefined): string {
  return p === undefined ? '—' : `${p.toFixed(2)} %`;
}

/** 'no_reply 12, invalid:… 1' or 'none'. */
export function formatExcluded(byReason: Readonly<Record<string, number | undefined>>): string {
  const parts = Object.entries(byReason).map(([k, v]) => `${k} ${v ?? 0}`);
  return parts.length === 0 ? 'excluded: none' : `excluded: ${parts.join(', ')}`;
}

/** Prints sections as one aligned table. */
export function printSections(sections: readonly ReportSection[]): void {
  const rows = sections.flatMap((s) => s.rows);
  const w0 = Math.max(6, ...rows.map((r) => r.metric.length));
  const w1 = Math.max(5, ...rows.map((r) => r.value.length));
  for (const section of sections) {
    console.log(`\n${section.title}`);
    console.log(`${'metric'.padEnd(w0)}  ${'value'.padStart(w1)}  detail`);
    console.log(`${'-'.repeat(w0)}  ${'-'.repeat(w1)}  ${'-'.repeat(40)}`);
    for (const r of section.rows) console.log(`${r.metric.padEnd(w0)}  ${r.value.padStart(w1)}  ${r.detail}`);
  }
}

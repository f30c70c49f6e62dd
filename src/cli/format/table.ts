/**
 * `--format table`: aligned plain-text tables for a terminal (numbers right-aligned), definitions under each.
 *
 * @internal
 * @module
 */
import type { Report } from '../report.js';
import { heading, sections } from './sections.js';

/** Display width of a string (code points; the report's text has no wide characters but user labels). */
function width(s: string): number {
  return [...s].length;
}

function pad(s: string, n: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, n - width(s)));
  return right ? fill + s : s + fill;
}

/** The report as text tables. */
export function formatTable(r: Report): string {
  const lines = [...heading(r), ''];
  for (const s of sections(r)) {
    const widths = s.columns.map((c, i) => Math.max(width(c), ...s.rows.map((row) => width(row[i] ?? ''))));
    lines.push(s.title);
    lines.push(s.columns.map((c, i) => pad(c, widths[i]!, s.numeric[i]!)).join('  ').trimEnd());
    lines.push(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of s.rows) lines.push(row.map((c, i) => pad(c, widths[i]!, s.numeric[i]!)).join('  ').trimEnd());
    for (const n of s.notes) lines.push(`  ${n}`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `--format markdown`: GitHub-flavoured Markdown tables (for a pull request, a wiki, a chat message),
 * definitions as lists under each table.
 *
 * @internal
 * @module
 */
import type { Report } from '../report.js';
import { heading, sections } from './sections.js';

/** A table cell: pipes and line breaks escaped. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The report as Markdown. */
export function formatMarkdown(r: Report): string {
  const [title, defs] = heading(r);
  const lines = [`# ${cell(title!)}`, '', cell(defs!), ''];
  for (const s of sections(r)) {
    lines.push(`## ${cell(s.title)}`, '');
    lines.push(`| ${s.columns.map(cell).join(' | ')} |`);
    lines.push(`| ${s.numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`);
    for (const row of s.rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
    lines.push('');
    for (const n of s.notes) lines.push(`- ${cell(n)}`);
    if (s.notes.length > 0) lines.push('');
  }
  return lines.join('\n');
}

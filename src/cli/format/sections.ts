/**
 * The report as a list of tables, shared by the text table and Markdown formats (which differ only in how a
 * table is drawn).
 *
 * @internal
 * @module
 */
import { formatDuration } from '../durations.js';
import { valueText, type Report } from '../report.js';
import { count, definitionsLine, excludedText, headlineInterval, headlineRatio, headlineValue, percent, subjectLine } from './text.js';

export interface Section {
  readonly title: string;
  readonly columns: readonly string[];
  /** Right-aligned columns (numbers). */
  readonly numeric: readonly boolean[];
  readonly rows: readonly (readonly string[])[];
  /** Lines after the table: definitions, what was left out. */
  readonly notes: readonly string[];
}

/** The heading lines of a report. */
export function heading(r: Report): string[] {
  return [`helpdesk-metrics report: ${subjectLine(r)}`, definitionsLine(r)];
}

/** Every table of the report, in order. */
export function sections(r: Report): Section[] {
  const out: Section[] = [];
  out.push({
    title: 'Figures',
    columns: ['Figure', 'Value', 'Interval', 'Ratio', 'n', 'Excluded'],
    numeric: [false, true, false, true, true, false],
    rows: r.headline.map((h) => [h.label, headlineValue(h), headlineInterval(h), headlineRatio(h), count(h.n), excludedText(h.excluded)]),
    notes: [...new Map(r.headline.map((h) => [h.definition, h.definition])).values()],
  });
  const b = r.metrics.backlog;
  out.push({
    title: `Backlog by age at ${b.at}`,
    columns: ['Age', 'Tickets'],
    numeric: [false, true],
    rows: b.byAge.map((a) => [a.age, count(a.count)]),
    notes: [],
  });
  if (r.metrics.slaCompliance !== null) {
    const s = r.metrics.slaCompliance;
    out.push({
      title: 'SLA by priority',
      columns: ['Priority', 'Achieved', 'Breached', 'Pending', 'Achieved %'],
      numeric: [false, true, true, true, true],
      rows: [
        ...r.charts.slaByPriority.map((p) => [p.priority, count(p.achieved), count(p.breached), count(p.pending), percent(p.percent)]),
        ['all', count(s.achieved), count(s.breached), count(s.pending), percent(s.percent)],
      ],
      notes: [`By target: ${s.byTarget.map((t) => `${t.target} ${percent(t.percent)} (${count(t.achieved)} met, ${count(t.breached)} breached, ${count(t.pending)} pending)`).join('; ')}.`],
    });
  }
  for (const table of r.breakdowns) {
    const sla = table.rows.some((x) => x.slaCompliance !== null);
    out.push({
      title: `By ${table.dimensions.join(' × ')}`,
      columns: [...table.dimensions, 'Tickets', 'FRT median', 'FRT p90', 'FRT n', 'Resolution median', 'FCR', ...(sla ? ['SLA'] : []), 'Backlog'],
      numeric: [...table.dimensions.map(() => false), true, true, true, true, true, true, ...(sla ? [true] : []), true],
      rows: table.rows.map((x) => [
        ...x.key.map(([, v]) => valueText(v)),
        count(x.tickets),
        formatDuration(x.firstResponseTime.medianMs),
        formatDuration(x.firstResponseTime.p90Ms),
        count(x.firstResponseTime.n),
        formatDuration(x.resolutionTime.medianMs),
        percent(x.firstContactResolution.percent),
        ...(sla ? [percent(x.slaCompliance?.percent)] : []),
        count(x.backlog.count),
      ]),
      notes: [],
    });
  }
  const inp = r.input;
  const notes = [
    `Read ${count(inp.records)} records from ${inp.files.length} file${inp.files.length === 1 ? '' : 's'}: ${count(inp.tickets)} tickets, ${count(inp.surveys)} survey responses.`,
    `Excluded by the importer: ${excludedText(inp.excluded)}.`,
  ];
  if (inp.warnings.total > 0) notes.push(`Importer warnings: ${Object.entries(inp.warnings.byCode).map(([k, n]) => `${k} ${count(n)}`).join(', ')}.`);
  out.push({ title: 'Input', columns: ['File', 'Format', 'Records'], numeric: [false, false, true], rows: inp.files.map((f) => [f.path, f.format, count(f.records)]), notes });
  return out;
}
